/**
 * The database goes away under a running app: a TCP proxy between the app's pg Pool and Postgres is cut (sockets
 * closed, new connections refused), frozen (connections open, no byte moves) and restored, with no restart of the
 * pool. Through the real route handlers and server actions: an answer within 10 s, 503 with Retry-After, no
 * statement or driver text, no pool slot held, and 200 again once the database is back.
 */
import "../health/cron-secret";
import type { Pool } from "pg";
import { sql } from "drizzle-orm";
import { type DbHandle, openPostgres, useDbHandle } from "@/db";
import { isDatabaseUnavailable } from "@/db/errors";
import { endDatabaseOutage } from "@/lib/database-faults";
import { type ApiOrg, makeApiOrg } from "../api/api-fixtures";
import {
  adminQuery,
  databaseUrl,
  freshName,
  postgresUrl,
  templateName,
  usePostgres,
} from "../../helpers/test-database";
import { signInAs } from "../../helpers/cookie-jar";
import { startTcpProxy, type TcpProxy } from "../../helpers/tcp-proxy";

jest.mock(
  "next/headers",
  () => jest.requireActual<typeof import("../../helpers/cookie-jar")>("../../helpers/cookie-jar").nextHeaders,
);
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { type CapturedLogs, captureLogs } from "../../helpers/captured-logs";
import { expectAllHealthy, expectAllUnavailable, LIMIT_MS, timed } from "./fault-entry-points";

const describePostgres = usePostgres ? describe : describe.skip;
if (!usePostgres) {
  test.skip("database faults through a TCP proxy: needs Postgres (set TEST_DATABASE_URL); PGlite has no network to cut", () =>
    undefined);
}

describePostgres("database faults: cut, frozen and restored under a running pool", () => {
  let proxy: TcpProxy;
  let handle: DbHandle;
  let pool: Pool;
  let org: ApiOrg;
  const name = freshName();
  let quiet: jest.SpyInstance | undefined; // unset if beforeAll failed early
  let logs: CapturedLogs | undefined;
  let logged: string[] = [];

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateName()}`);
    const target = new URL(postgresUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const url = new URL(databaseUrl(name));
    url.hostname = "127.0.0.1";
    url.port = String(proxy.port);
    handle = await openPostgres(url.toString()); // the default timeouts, as in production
    pool = (handle.db as unknown as { $client: Pool }).$client;
    useDbHandle(handle);
    org = await makeApiOrg(handle.db);
    await signInAs(org.admin.id);
    quiet = jest
      .spyOn(console, "error")
      .mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    logs = captureLogs("error");
  });
  afterAll(async () => {
    quiet?.mockRestore();
    logs?.restore();
    endDatabaseOutage(); // the pages' outage probe, if a test left one running
    useDbHandle(undefined);
    // Either may be unset when beforeAll failed early.
    await (handle as DbHandle | undefined)?.close().catch(() => undefined);
    await (proxy as TcpProxy | undefined)?.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  beforeEach(() => {
    logged = [];
    logs?.clear();
  });
  afterEach(() => proxy.restore());

  async function expectUnavailable() {
    await expectAllUnavailable(org);
    // Logs name the failure by its code or condition, never the statement or its parameters.
    const lines = [...logged, ...(logs?.lines ?? [])];
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(/select |insert |params|failed query/i);
    // Nothing is left holding a connection or waiting for one.
    expect({ checkedOut: pool.totalCount - pool.idleCount, waiting: pool.waitingCount }).toEqual({
      checkedOut: 0,
      waiting: 0,
    });
  }

  const expectHealthy = () => expectAllHealthy(org);

  it("answers normally through the proxy", async () => {
    await expectHealthy();
  });

  it("cut: every entry point answers 503 with Retry-After at once, and 200 again when the database is back", async () => {
    await proxy.cut();
    await expectUnavailable();
    await proxy.restore();
    await expectHealthy();
  });

  it("cut: a page finds it away, pages answer 503 from the proxy until the probe reaches the database again", async () => {
    const { getCurrentUser } = await import("@/lib/auth/session");
    const { databaseOutage, OUTAGE_PROBE_MS } = await import("@/lib/database-faults");
    await proxy.cut();
    const error = await getCurrentUser().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(String(error)).not.toMatch(/select |params|failed query/i); // the quiet error: its code only
    expect(databaseOutage()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_PROBE_MS * 1.5));
    expect(databaseOutage()).toBe(true); // still away: the probe failed
    await proxy.restore();
    for (let waited = 0; databaseOutage() && waited < OUTAGE_PROBE_MS * 4; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(databaseOutage()).toBe(false);
    expect((await getCurrentUser())?.id).toBe(org.admin.id);
  }, 30_000);

  it("cut inside a transaction: it fails as unavailable, the process survives and the pool slot is freed", async () => {
    const error = await handle.db
      .transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await proxy.cut();
        await tx.execute(sql`select 2`);
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isDatabaseUnavailable(error)).toBe(true);
    // The closed socket's events arrive on their own time: wait for them (at most 2 s), then check.
    for (let waited = 0; pool.totalCount - pool.idleCount > 0 && waited < 2000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pool.totalCount - pool.idleCount).toBe(0);
    await proxy.restore();
    await expectHealthy();
  });

  it("frozen: 503 within 10 s, the stuck connections are given up, and the same pool serves again after", async () => {
    // Warm connections first, so that the freeze catches queries on open connections as well as new ones.
    await Promise.all(Array.from({ length: 4 }, () => handle.db.execute(sql`select 1`)));
    proxy.freeze();
    // A transaction on an open connection: its BEGIN gets no answer, and its ROLLBACK must not wait as long again.
    const { value: error, ms } = await timed(() =>
      handle.db
        .transaction(async (tx) => {
          await tx.execute(sql`select 1`);
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        ),
    );
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(pool.totalCount - pool.idleCount).toBe(0);
    await expectUnavailable();
    await proxy.restore();
    await expectHealthy();
  }, 60_000);

  it("sets the server-side limits on every pooled session, and a statement over the limit is cancelled as unavailable", async () => {
    const rows = async (query: ReturnType<typeof sql>) =>
      ((await handle.db.execute(query)) as { rows: Record<string, unknown>[] }).rows;
    // Every pooled session, after the cuts and freezes above: each answer is its own query's (no stale reply).
    const sessions = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        rows(
          sql`select ${n}::int as n, current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle`,
        ),
      ),
    );
    expect(sessions).toEqual(Array.from({ length: 12 }, (_, n) => [{ n, statement: "7s", idle: "30s" }]));
    const { value: error, ms } = await timed(() =>
      handle.db.execute(sql`select pg_sleep(30)`).then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(error).toMatchObject({ cause: { code: "57014" } });
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(await rows(sql`select 1 as one`)).toEqual([{ one: 1 }]);
  }, 30_000);
});
