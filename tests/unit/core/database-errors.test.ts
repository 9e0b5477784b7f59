import { DrizzleQueryError } from "drizzle-orm/errors";
import {
  DatabaseUnavailableError,
  describeDatabaseError,
  isDatabaseUnavailable,
  markDatabaseError,
  rethrowQuietly,
} from "@/db/errors";
import { postgresTimeoutOptions } from "@/db/timeouts";
import { toErrorResponse } from "@/lib/api/errors";
import { DATABASE_UNAVAILABLE_MESSAGE, withDatabaseFaults } from "@/lib/database-faults";
import { parseEnv } from "@/lib/env";
import { reportCsvStream } from "@/lib/sync-reports/csv";
import type { SyncReportRow } from "@/db/queries/sync-report";
import { AppError } from "@/lib/errors";
import { fromError } from "@/lib/form-error";
import { type CapturedLogs, captureLogs } from "../../helpers/captured-logs";
import { describeError } from "@/lib/log";

/** A failed query as Drizzle throws it: the statement and its parameters in the message, the driver's error as cause. */
const failed = (cause: unknown) =>
  new DrizzleQueryError(
    'select "password_hash" from "users" where "email" = $1',
    ["victim@example.com", "s3cret-hash"],
    cause as Error,
  );
const pgError = (code: string, message = "detail with a value 's3cret-hash'") =>
  Object.assign(new Error(message), { code, constraint: code === "23505" ? "users_email_uq" : undefined });
const SECRET = /s3cret|victim|password_hash|select|params/;

describe("isDatabaseUnavailable: one classifier for every caller", () => {
  const unavailable: [string, unknown][] = [
    ["connection failure 08006", failed(pgError("08006"))],
    ["cannot connect now 57P03", failed(pgError("57P03"))],
    ["admin shutdown 57P01", failed(pgError("57P01"))],
    ["statement timeout 57014", failed(pgError("57014"))],
    ["too many connections 53300", failed(pgError("53300"))],
    [
      "refused socket",
      failed(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", errno: -111 })),
    ],
    ["reset socket", failed(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))],
    [
      "every address refused",
      failed(new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], "connect failed")),
    ],
    ["pg: terminated", failed(new Error("Connection terminated unexpectedly"))],
    ["pg: connect timeout", new Error("Connection terminated due to connection timeout")],
    ["pg: no pool slot", new Error("timeout exceeded when trying to connect")],
    ["pg: read timeout", failed(new Error("Query read timeout"))],
    ["pg: closed client", failed(new Error("Client was closed and is not queryable"))],
    ["embedded thread closed", failed(pgError("08003", "The embedded database is closed"))],
    ["a page's quiet error", new DatabaseUnavailableError("08006 connection failure")],
    [
      "a connection the driver could not open",
      markDatabaseError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
    ],
    ["wrapped by a job", new Error("Health sweep stopped", { cause: failed(pgError("08006")) })],
  ];
  it.each(unavailable)("unavailable: %s", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  const refused: [string, unknown][] = [
    ["unique violation", failed(pgError("23505"))],
    ["bad input", failed(pgError("22P02"))],
    ["syntax", failed(pgError("42601"))],
    ["a business error", new AppError("NOT_FOUND", "Connection terminated was not found.")],
    [
      "a vendor's network error (not the database)",
      new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED" }),
      }),
    ],
    [
      "the mail server refusing (not the database)",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:25"), { code: "ESOCKET" }),
    ],
    ["a failed query without a code", failed(new Error("oops"))],
    ["nothing", undefined],
  ];
  it.each(refused)("not unavailable: %s", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("describeDatabaseError / describeError: code and condition, never statement, parameters or driver text", () => {
  it.each([
    [failed(pgError("08006")), "database 08006 connection failure"],
    [failed(pgError("23505")), "database 23505 unique violation (users_email_uq)"],
    [failed(pgError("2200G")), "database 2200G data exception"],
    [
      failed(Object.assign(new Error("connect ECONNREFUSED 10.0.0.7:5432"), { code: "ECONNREFUSED" })),
      "database ECONNREFUSED network error",
    ],
    [failed(new Error("Query read timeout")), "database no answer in time"],
    [
      failed(new TypeError("Do not know how to serialize a BigInt: 's3cret-hash'")),
      "database query failed (TypeError)",
    ],
  ])("%#", (error, line) => {
    expect(describeError(error)).toBe(line);
    expect(describeError(error)).not.toMatch(SECRET);
  });

  it("leaves errors that are not the database's to the caller", () => {
    expect(describeDatabaseError(new AppError("INVALID", "x"))).toBeUndefined();
    expect(
      describeDatabaseError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:25"), { code: "ESOCKET" })),
    ).toBeUndefined();
    expect(describeError(new Error("plain"))).toBe("Error: plain");
  });

  it("a page's quiet error carries the code, a digest for the error page, and no cause to log", () => {
    let thrown: unknown;
    try {
      rethrowQuietly(failed(pgError("08006")));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DatabaseUnavailableError);
    expect(thrown).toMatchObject({
      digest: "DATABASE_UNAVAILABLE",
      message: "The database cannot be reached (08006 connection failure).",
    });
    expect((thrown as Error).cause).toBeUndefined();
    const other = failed(pgError("23505"));
    expect(() => rethrowQuietly(other)).toThrow(other);
  });
});

describe("every kind of answer to an unreachable database", () => {
  const error = failed(pgError("08006"));
  let logs: CapturedLogs;
  beforeEach(() => (logs = captureLogs()));
  afterEach(() => logs.restore());
  const errorLines = () => logs.entries().map((e) => `[${String(e.msg)}] ${String(e.err?.message)}`);

  it("API: 503, Retry-After, the unavailable code; other failures stay a 500 without details", async () => {
    const res = toErrorResponse(error, "GET /x");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(await res.json()).toEqual({ error: { code: "unavailable", message: DATABASE_UNAVAILABLE_MESSAGE } });
    const other = toErrorResponse(failed(pgError("42601")), "GET /x");
    expect(other.status).toBe(500);
    expect(await other.text()).not.toMatch(SECRET);
    expect(errorLines()).toEqual([
      "[api GET /x] database 08006 connection failure",
      "[api GET /x] database 42601 syntax error or access rule violation",
    ]);
  });

  it("forms: the calm message, never 'Something went wrong' with driver text", () => {
    expect(fromError(error, { name: "typed" })).toEqual({
      ok: false,
      message: DATABASE_UNAVAILABLE_MESSAGE,
      values: { name: "typed" },
    });
    expect(JSON.stringify(fromError(failed(pgError("22P02"))))).not.toMatch(SECRET);
  });

  it("other routes: the endpoint's own 503 body, or a 500 without details", async () => {
    const route = withDatabaseFaults(
      "test",
      { unavailable: "down", internal: { error: "server_error" } },
      (fail: unknown) => {
        throw fail;
      },
    );
    const down = await route(error);
    expect([down.status, down.headers.get("retry-after"), await down.text()]).toEqual([503, "30", "down"]);
    const broken = await route(failed(pgError("42601")));
    expect([broken.status, await broken.json()]).toEqual([500, { error: "server_error" }]);
  });
});

describe("the CSV export when the database fails mid-download", () => {
  it("stops the stream with a plain error and logs the code, never the statement or parameters", async () => {
    const logs = captureLogs();
    const row = {
      externalId: "r-1",
      status: "ok",
      serviceName: "Orders",
      environment: "live",
      sourceName: "A",
      sourceSystemId: "x",
      destinationName: "B",
      destinationSystemId: "y",
      startedAt: new Date(0),
      finishedAt: null,
      pulledCount: 1,
      pushedCount: 1,
      errorMessage: null,
      references: [],
    } as unknown as SyncReportRow;
    async function* rows() {
      yield Promise.resolve(row); // as a query's cursor: each row after an await
      throw failed(pgError("57P01"));
    }
    const reader = reportCsvStream(rows()).getReader();
    const read = async () => {
      let text = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return text;
        text += new TextDecoder().decode(value);
      }
    };
    await expect(read()).rejects.toThrow("The export stopped: the rows could not be read.");
    logs.restore();
    expect(logs.entries()).toEqual([
      expect.objectContaining({
        msg: "sync report export",
        err: expect.objectContaining({ code: "57P01" }) as unknown,
      }),
    ]);
    expect(logs.lines.join("")).toContain("database 57P01 server shut down");
  });
});

describe("timeouts", () => {
  it("defaults answer within 10 s and can be configured", () => {
    const secrets = { AUTH_SECRET: "x".repeat(40), CONNECTOR_SECRETS_KEY: Buffer.alloc(32, 1).toString("base64") };
    const env = parseEnv(secrets);
    const limits = postgresTimeoutOptions({
      connect: env.DATABASE_CONNECT_TIMEOUT,
      statement: env.DATABASE_STATEMENT_TIMEOUT,
      idleInTransaction: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT,
    });
    expect(limits).toMatchObject({
      connectionTimeoutMillis: 5000,
      statement_timeout: 7000,
      query_timeout: 8000,
      idle_in_transaction_session_timeout: 30_000,
      keepAlive: true,
    });
    expect(Math.max(limits.connectionTimeoutMillis, limits.query_timeout)).toBeLessThan(10_000);
    const custom = parseEnv({
      ...secrets,
      DATABASE_CONNECT_TIMEOUT: "3",
      DATABASE_STATEMENT_TIMEOUT: "20",
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: "60",
    });
    expect([
      custom.DATABASE_CONNECT_TIMEOUT,
      custom.DATABASE_STATEMENT_TIMEOUT,
      custom.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT,
    ]).toEqual([3, 20, 60]);
    expect(() => parseEnv({ ...secrets, DATABASE_STATEMENT_TIMEOUT: "0" })).toThrow(/DATABASE_STATEMENT_TIMEOUT/);
  });
});
