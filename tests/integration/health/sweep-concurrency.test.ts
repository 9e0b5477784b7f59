import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { openPostgres } from "@/db";
import { claimDueConnectors } from "@/db/queries/health";
import { connectors, healthChecks } from "@/db/schema";
import { runHealthSweep } from "@/lib/checks/sweep";
import { postgresUrlOf, useTestDb } from "../../helpers/db";
import { createOrganisation } from "../../helpers/factories";
import { fakeSystem } from "../../helpers/fake-systems";
import { addFakeConnectors, makeDue, sweepWith } from "../../helpers/health";
import { type Emulator, json, startEmulator } from "../../helpers/vendor-mock";
import { usePostgres } from "../../helpers/test-database";

const db = useTestDb();
const system = fakeSystem();

describe("health sweep: concurrency and leases", () => {
  let emu: Emulator;
  let inFlight = 0;
  let maxInFlight = 0;
  beforeAll(async () => {
    emu = await startEmulator(async (_req, res) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      json(res, 200, {});
    });
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.requests.length = 0;
    maxInFlight = 0;
  });

  it("10 sweeps started at once check each due connector exactly once", async () => {
    const { orgId } = await createOrganisation(db());
    const rows = await addFakeConnectors(db(), orgId, 60, (i) => ({
      url: `${emu.origin}/c${i}`,
      token: "t0ken-value",
    }));
    // On Postgres every sweep gets its own pool (separate connections, as on separate instances); PGlite has one connection.
    const handles = usePostgres
      ? await Promise.all(Array.from({ length: 10 }, () => openPostgres(postgresUrlOf(db()))))
      : [];
    try {
      const dbs = usePostgres ? handles.map((h) => h.db) : Array.from({ length: 10 }, () => db());
      const reports = await Promise.all(
        dbs.map((d) => runHealthSweep(d, sweepWith(system, { concurrency: 4, claimBatch: 3 }))),
      );
      expect(reports.reduce((n, r) => n + r.claimed, 0)).toBe(60);
      expect(reports.reduce((n, r) => n + r.checked, 0)).toBe(60);
      expect(reports.filter((r) => r.claimed > 0).length).toBeGreaterThan(1); // the work really was shared
      const paths = emu.requests.map((r) => r.path).sort();
      expect(paths).toEqual(rows.map((_, i) => `/c${i}`).sort());
      const perConnector = await db()
        .select({ id: healthChecks.connectorId, n: count() })
        .from(healthChecks)
        .where(eq(healthChecks.orgId, orgId))
        .groupBy(healthChecks.connectorId);
      expect(perConnector).toHaveLength(60);
      expect(perConnector.every((r) => r.n === 1)).toBe(true);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });

  it("a sweep killed after claiming leaves nothing stuck: the leases expire and the next sweep checks them", async () => {
    const { orgId } = await createOrganisation(db());
    const rows = await addFakeConnectors(db(), orgId, 5, (i) => ({ url: `${emu.origin}/k${i}`, token: "t0ken-value" }));
    // The "killed" run: claimed with a short lease, then never heard from again.
    expect(await claimDueConnectors(db(), { owner: randomUUID(), limit: 100, leaseMs: 400 })).toHaveLength(5);
    expect(await runHealthSweep(db(), sweepWith(system))).toMatchObject({ claimed: 0, checked: 0 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await runHealthSweep(db(), sweepWith(system))).toMatchObject({ claimed: 5, checked: 5 });
    const after = await db().select().from(connectors).where(eq(connectors.orgId, orgId));
    expect(after.every((c) => c.status === "operational" && c.leaseUntil === null && c.leaseOwner === null)).toBe(true);
    expect(rows).toHaveLength(5);
  });

  it("never sends one host more than the per-host cap at once", async () => {
    const { orgId } = await createOrganisation(db());
    const rows = await addFakeConnectors(db(), orgId, 12, (i) => ({
      url: `${emu.origin}/h${i}`,
      token: "t0ken-value",
    }));
    await makeDue(
      db(),
      rows.map((r) => r.id),
    );
    const report = await runHealthSweep(db(), sweepWith(system, { concurrency: 12, perHost: 2 })); // all on 127.0.0.1
    expect(report.checked).toBe(12);
    expect(maxInFlight).toBeLessThanOrEqual(2);
    expect(maxInFlight).toBeGreaterThan(0);
  });
});
