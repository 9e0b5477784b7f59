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
import type { FormState } from "@/lib/form-state";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-faults";
import { type ApiOrg, call, type Handler, makeApiOrg } from "../api/api-fixtures";
import { adminQuery, databaseUrl, freshName, postgresUrl, templateName, usePostgres } from "../../helpers/test-database";
import { startTcpProxy, type TcpProxy } from "../../helpers/tcp-proxy";

let sessionUserId: string | undefined;
jest.mock("next-auth", () => ({ getServerSession: async () => (sessionUserId ? { user: { id: sessionUserId } } : null) }));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { GET as listConnectors } from "@/app/api/v1/connectors/route";
import { POST as ingestRuns } from "@/app/api/v1/sync-runs/route";
import { GET as cronHealth } from "@/app/api/cron/health/route";
import { POST as inboundToken } from "@/app/api/inbound/v1/token/route";
import { GET as exportCsv } from "@/app/(app)/sync-reports/export/route";
import { addCompanyGroupAction } from "@/lib/actions/company-groups";
import { signUpAction } from "@/lib/actions/sign-up";

/** Driver or statement text that must never reach an answer. */
const LEAK = /select |insert |params|failed query|connection terminated|ECONNREFUSED|timeout|pg_|"users"/i;
const LIMIT_MS = 10_000;

const describePostgres = usePostgres ? describe : describe.skip;
if (!usePostgres) {
  test.skip("database faults through a TCP proxy: needs Postgres (set TEST_DATABASE_URL); PGlite has no network to cut", () => undefined);
}

describePostgres("database faults: cut, frozen and restored under a running pool", () => {
  let proxy: TcpProxy;
  let handle: DbHandle;
  let pool: Pool;
  let org: ApiOrg;
  const name = freshName();
  let quiet: jest.SpyInstance;
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
    sessionUserId = org.admin.id;
    quiet = jest.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  });
  afterAll(async () => {
    quiet?.mockRestore();
    useDbHandle(undefined);
    await handle?.close().catch(() => undefined);
    await proxy?.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  beforeEach(() => {
    logged = [];
  });
  afterEach(() => proxy.restore());

  /** Every entry point, timed: status, Retry-After and body text. */
  const entryPoints: Record<string, () => Promise<{ status: number; retryAfter: string | null; text: string }>> = {
    "GET /api/v1/connectors": async () => {
      const r = await call(listConnectors as Handler, "/api/v1/connectors", { token: org.token });
      return { status: r.status, retryAfter: r.headers.get("retry-after"), text: r.text };
    },
    "POST /api/v1/sync-runs": async () => {
      const runs = [{ externalId: `r-${Date.now()}`, serviceId: org.service.id, startedAt: new Date(Date.now() - 60_000).toISOString(), status: "ok" }];
      const r = await call(ingestRuns as Handler, "/api/v1/sync-runs", { method: "POST", token: org.token, json: { runs } });
      return { status: r.status, retryAfter: r.headers.get("retry-after"), text: r.text };
    },
    "GET /api/cron/health": async () => {
      const r = await cronHealth(new Request("http://localhost/api/cron/health", { headers: { authorization: "Bearer cron-secret-for-route-tests-0123" } }));
      return { status: r.status, retryAfter: r.headers.get("retry-after"), text: await r.text() };
    },
    "POST /api/inbound/v1/token": async () => {
      const body = new URLSearchParams({ grant_type: "client_credentials", client_id: "pbc_0123456789abcdef", client_secret: "not-a-real-secret" });
      const r = await inboundToken(new Request("http://localhost/api/inbound/v1/token", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } }));
      return { status: r.status, retryAfter: r.headers.get("retry-after"), text: await r.text() };
    },
    "GET /sync-reports/export": async () => {
      const { NextRequest } = await import("next/server");
      const r = await exportCsv(new NextRequest("http://localhost/sync-reports/export"));
      return { status: r.status, retryAfter: r.headers.get("retry-after"), text: await r.text() };
    },
  };
  const healthy: Record<string, number> = {
    "GET /api/v1/connectors": 200,
    "POST /api/v1/sync-runs": 200,
    "GET /api/cron/health": 200,
    "POST /api/inbound/v1/token": 401, // an unknown client: the database answered
    "GET /sync-reports/export": 200,
  };

  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  /** A signed-in action (the session user is read first) and the public sign-up (the database is first touched inside). */
  const actions: Record<string, () => Promise<FormState>> = {
    "add company group": () => addCompanyGroupAction({ ok: false }, form({ name: `Group ${Date.now()}` })),
    "sign up": () => signUpAction({ ok: false }, form({ organisationName: "Fault Ltd", name: "Fay Fault", email: `fay.${Date.now()}@example.com`, password: "correct horse battery" })),
  };

  async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = performance.now();
    const value = await fn();
    return { value, ms: performance.now() - started };
  }

  async function expectUnavailable() {
    const answers = await Promise.all(Object.entries(entryPoints).map(async ([what, fn]) => ({ what, ...(await timed(fn)) })));
    for (const { what, value, ms } of answers) {
      expect({ what, status: value.status, retryAfter: value.retryAfter }).toEqual({ what, status: 503, retryAfter: "30" });
      expect({ what, fast: ms < LIMIT_MS }).toEqual({ what, fast: true });
      expect(value.text).toContain(DATABASE_UNAVAILABLE_MESSAGE);
      expect(value.text).not.toMatch(LEAK);
    }
    const states = await Promise.all(Object.entries(actions).map(async ([what, fn]) => ({ what, ...(await timed(fn)) })));
    for (const { what, value, ms } of states) {
      expect({ what, ok: value.ok, message: value.message }).toEqual({ what, ok: false, message: DATABASE_UNAVAILABLE_MESSAGE });
      expect({ what, fast: ms < LIMIT_MS }).toEqual({ what, fast: true });
      expect(JSON.stringify(value)).not.toMatch(LEAK);
    }
    // Logs name the failure by its code or condition, never the statement or its parameters.
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(line).not.toMatch(/select |insert |params|failed query/i);
    // Nothing is left holding a connection or waiting for one.
    expect({ checkedOut: pool.totalCount - pool.idleCount, waiting: pool.waitingCount }).toEqual({ checkedOut: 0, waiting: 0 });
  }

  async function expectHealthy() {
    for (const [what, fn] of Object.entries(entryPoints)) {
      const { status, text } = await fn();
      expect({ what, status }).toEqual({ what, status: healthy[what] });
      expect(text).not.toMatch(/select |params|failed query/i);
    }
    expect((await actions["add company group"]()).ok).toBe(true);
  }

  it("answers normally through the proxy", async () => {
    await expectHealthy();
  });

  it("cut: every entry point answers 503 with Retry-After at once, and 200 again when the database is back", async () => {
    await proxy.cut();
    await expectUnavailable();
    await proxy.restore();
    await expectHealthy();
  });

  it("frozen: 503 within 10 s, the stuck connections are given up, and the same pool serves again after", async () => {
    // Warm connections first, so that the freeze catches queries on open connections as well as new ones.
    await Promise.all(Array.from({ length: 4 }, () => handle.db.execute(sql`select 1`)));
    proxy.freeze();
    // A transaction on an open connection: its BEGIN gets no answer, and its ROLLBACK must not wait as long again.
    const { value: error, ms } = await timed(() => handle.db.transaction(async (tx) => void (await tx.execute(sql`select 1`))).then(() => undefined, (e: unknown) => e));
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(pool.totalCount - pool.idleCount).toBe(0);
    await expectUnavailable();
    await proxy.restore();
    await expectHealthy();
  }, 60_000);

  it("sets the server-side limits on every pooled session, and a statement over the limit is cancelled as unavailable", async () => {
    const rows = async (query: ReturnType<typeof sql>) => ((await handle.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
    const [{ statement_timeout: statement }] = await rows(sql`show statement_timeout`);
    const [{ idle_in_transaction_session_timeout: idle }] = await rows(sql`show idle_in_transaction_session_timeout`);
    expect({ statement, idle }).toEqual({ statement: "7s", idle: "30s" });
    const { value: error, ms } = await timed(() => handle.db.execute(sql`select pg_sleep(30)`).then(() => undefined, (e: unknown) => e));
    expect(ms).toBeLessThan(LIMIT_MS);
    expect(error).toMatchObject({ cause: { code: "57014" } });
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(await rows(sql`select 1 as one`)).toEqual([{ one: 1 }]);
  }, 30_000);
});
