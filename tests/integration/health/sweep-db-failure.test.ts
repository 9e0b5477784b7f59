import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { type DbHandle, openPglite, openPostgres } from "@/db";
import { connectors, healthChecks } from "@/db/schema";
import { HealthSweepError, runHealthSweep } from "@/lib/checks/sweep";
import { createTestDb, type TestDb } from "../../helpers/db";
import { createOrganisation } from "../../helpers/factories";
import { fakeSystem } from "../../helpers/fake-systems";
import { addFakeConnectors, sweepWith } from "../../helpers/health";
import { adminQuery, pgliteDumpPath, usePostgres } from "../../helpers/test-database";
import { type Emulator, json, startEmulator } from "../../helpers/vendor-mock";

/**
 * The database goes away in the middle of a sweep. On Postgres: connections are refused and every session is
 * terminated. On PGlite: the embedded database is closed under the sweep (its data dir is on disk, reopened after).
 */
describe("health sweep: the database goes away mid-run", () => {
  let emu: Emulator;
  let testDb: TestDb | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    emu = await startEmulator((_req, res) => void setTimeout(() => json(res, 200, {}), 40));
  });
  afterAll(async () => {
    await emu.close();
    await testDb?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function openDatabase(): Promise<{
    handle: DbHandle;
    cut: () => Promise<void>;
    reopen: () => Promise<DbHandle>;
  }> {
    if (usePostgres) {
      testDb = await createTestDb();
      const url = (testDb.db as unknown as { $client: { options: { connectionString: string } } }).$client.options
        .connectionString;
      const name = new URL(url).pathname.slice(1);
      return {
        handle: testDb,
        cut: async () => {
          await adminQuery(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
          await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
        },
        reopen: async () => {
          await adminQuery(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
          return openPostgres(url);
        },
      };
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-gone-"));
    const dataDir = path.join(dir, "pg");
    const handle = await openPglite({ dataDir, loadDataDir: fs.readFileSync(pgliteDumpPath()) });
    return { handle, cut: () => handle.close(), reopen: () => openPglite({ dataDir }) };
  }

  it("rejects with a clean error, and every result it reported as checked is stored", async () => {
    const { handle, cut, reopen } = await openDatabase();
    const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined); // the pool reports its dropped clients
    const { orgId } = await createOrganisation(handle.db);
    await addFakeConnectors(handle.db, orgId, 40, (i) => ({ url: `${emu.origin}/g${i}`, token: "t0ken-value" }));

    const sweep = runHealthSweep(handle.db, sweepWith(fakeSystem(), { concurrency: 3, claimBatch: 3 }));
    sweep.catch(() => undefined); // asserted below; never an unhandled rejection
    for (let stored = 0; stored < 4;) {
      await new Promise((r) => setTimeout(r, 20));
      [{ n: stored }] = await handle.db.select({ n: count() }).from(healthChecks);
    }
    await cut();

    const error = await sweep.then(
      () => undefined,
      (e: unknown) => e,
    );
    quiet.mockRestore();
    expect(error).toBeInstanceOf(HealthSweepError);
    const { report, message } = error as HealthSweepError;
    expect(message).toMatch(/^Health sweep stopped, the database failed: /);
    expect(message).not.toMatch(/t0ken-value|params/i);
    expect(report.checked).toBeGreaterThanOrEqual(4);
    expect(report.checked).toBeLessThan(40);

    const again = await reopen();
    try {
      const [{ n: stored }] = await again.db.select({ n: count() }).from(healthChecks);
      const [{ n: updated }] = await again.db
        .select({ n: count() })
        .from(connectors)
        .where(eq(connectors.status, "operational"));
      // A commit whose acknowledgement was lost may add one batch; a reported result can never be missing.
      expect(stored).toBeGreaterThanOrEqual(report.checked);
      expect(updated).toBe(stored);
    } finally {
      await again.close();
    }
  });
});
