/**
 * GET /api/health and GET /api/health/ready on a real database: 200 when the database answers, migrations are current
 * and the sweep is on time; 503 naming the failed check when migrations are pending, the sweep is late, or the
 * database is closed, refusing or silent (answered within the 2 s limit). Never any driver text.
 */
import net from "node:net";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres, useDbHandle } from "@/db";
import { executeRows } from "@/db/queries/execute";
import { GET as live } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { runHealthSweep } from "@/lib/checks/sweep";
import { checkReadiness } from "@/lib/readiness/readiness";
import { captureLogs, type CapturedLogs } from "../../helpers/captured-logs";
import { createTestDb, type TestDb } from "../../helpers/db";

let testDb: TestDb;
let logs: CapturedLogs;
let quiet: jest.SpyInstance;

beforeAll(async () => {
  testDb = await createTestDb();
  useDbHandle(testDb);
  // The pg pool reports the clients it drops on the console: kept quiet. What the route logs goes to the logger.
  quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
  logs = captureLogs("error");
});
afterAll(async () => {
  logs.restore();
  quiet.mockRestore();
  useDbHandle(undefined);
  await testDb.dispose();
});
beforeEach(async () => {
  logs.clear();
  useDbHandle(testDb);
  await testDb.db.execute(sql`update job_runs set finished_at = now() where job = 'health-sweep'`);
});

async function answer(response: Response) {
  expect(response.headers.get("cache-control")).toBe("no-store");
  const text = await response.text();
  expect(text.length).toBeLessThan(200);
  expect(text).not.toMatch(/select|postgres|ECONN|error|stack|at /i);
  return { status: response.status, body: JSON.parse(text) as unknown };
}

describe("GET /api/health", () => {
  it("answers 200 {status: ok} without touching the database", async () => {
    useDbHandle({
      ...testDb,
      get db(): never {
        throw new Error("the liveness route must not open the database");
      },
    });
    expect(await answer(live())).toEqual({ status: 200, body: { status: "ok" } });
  });
});

describe("GET /api/health/ready", () => {
  it("answers 200 when the database answers, migrations are current and the sweep finished recently", async () => {
    expect(await answer(await ready())).toEqual({
      status: 200,
      body: { status: "ok", checks: { database: "ok", migrations: "ok", sweep: "ok" } },
    });
  });

  it("answers 503 sweep late when the last sweep finished more than twice the interval ago, until a sweep finishes", async () => {
    await testDb.db.execute(sql`update job_runs set finished_at = now() - interval '601 seconds'`);
    expect(await answer(await ready())).toEqual({
      status: 503,
      body: { status: "unavailable", checks: { database: "ok", migrations: "ok", sweep: "late" } },
    });
    // Every instance agrees: the time is the database's, and a sweep run anywhere stamps it.
    await runHealthSweep(testDb.db, { retention: false, reminders: false, timeBudgetMs: 5_000 });
    expect((await answer(await ready())).status).toBe(200);
  });

  it("does not look at the sweep when the in-process scheduler is off", async () => {
    await testDb.db.execute(sql`update job_runs set finished_at = now() - interval '1 day'`);
    const r = await checkReadiness(() => Promise.resolve(testDb.db), { sweepScheduled: false });
    expect(r).toEqual({ ready: true, checks: { database: "ok", migrations: "ok", sweep: "off" } });
  });

  it("answers 503 migrations pending when the newest migration is not applied", async () => {
    const [latest] = await executeRows<{ hash: string; created_at: string }>(
      testDb.db,
      sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations) returning hash, created_at`,
    );
    try {
      expect(await answer(await ready())).toEqual({
        status: 503,
        body: { status: "unavailable", checks: { database: "ok", migrations: "pending", sweep: "unknown" } },
      });
    } finally {
      await testDb.db.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${latest.hash}, ${latest.created_at})`,
      );
    }
    expect((await answer(await ready())).status).toBe(200);
  });

  it("answers 503 database unavailable when the embedded database is closed", async () => {
    const closed = await openPglite({}); // in memory: only its closed thread matters
    await closed.close();
    useDbHandle(closed);
    expect(await answer(await ready())).toEqual({
      status: 503,
      body: { status: "unavailable", checks: { database: "unavailable", migrations: "unknown", sweep: "unknown" } },
    });
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ msg: "readiness", err: expect.objectContaining({ code: "08003" }) }),
    );
  });

  it("answers 503 database unavailable when Postgres refuses connections", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve)); // nothing listens there now
    const refused = await openPostgres(`postgres://postgres@127.0.0.1:${port}/none`);
    useDbHandle(refused);
    try {
      expect(await answer(await ready())).toEqual({
        status: 503,
        body: { status: "unavailable", checks: { database: "unavailable", migrations: "unknown", sweep: "unknown" } },
      });
    } finally {
      await refused.close();
    }
  });

  it("answers 503 database timeout within the 2 s limit when the database accepts but never answers", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    const stuck = await openPostgres(`postgres://postgres@127.0.0.1:${port}/none`);
    useDbHandle(stuck);
    try {
      const started = performance.now();
      const result = await answer(await ready());
      const elapsed = performance.now() - started;
      expect(result).toEqual({
        status: 503,
        body: { status: "unavailable", checks: { database: "timeout", migrations: "unknown", sweep: "unknown" } },
      });
      expect(elapsed).toBeGreaterThanOrEqual(1900);
      expect(elapsed).toBeLessThan(3000);
    } finally {
      for (const s of sockets) s.destroy();
      await stuck.close().catch(() => undefined);
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
