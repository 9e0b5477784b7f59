import fs from "node:fs";
import path from "node:path";
import { eq, ne, sql } from "drizzle-orm";
import { connectors, healthChecks, healthDaily, maintenanceWindows, signInAttempts } from "@/db/schema";
import { deleteOldHealthChecks, rollupHealthDays } from "@/db/queries/health-retention";
import { runHealthSweep } from "@/lib/checks/sweep";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";

const db = useTestDb();
const DAY = 86_400_000;
const utcDay = (daysAgo: number, hour: number) => {
  const d = new Date(Date.now() - daysAgo * DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour));
};

describe("retention", () => {
  // Not due for a check while the test runs; one system each (one connector per system in a group).
  const connector = async (orgId: string, name: string) => {
    const c = await createConnector(db(), orgId, {
      systemId: `fake-retention-${name}`,
      authType: "token",
      credentials: { t: "y" },
    });
    await db()
      .update(connectors)
      .set({ nextCheckAt: new Date(Date.now() + DAY) })
      .where(eq(connectors.id, c.id));
    return c;
  };
  const dailyOf = (connectorId: string) =>
    db().select().from(healthDaily).where(eq(healthDaily.connectorId, connectorId)).orderBy(healthDaily.day);
  const rawOf = async (connectorId: string) =>
    (await db().select().from(healthChecks).where(eq(healthChecks.connectorId, connectorId))).map((r) => r.latencyMs);

  it("rolls each finished day up the day after, and deletes raw results older than 30 days once rolled up", async () => {
    const { orgId } = await createOrganisation(db());
    const c = await connector(orgId, "x");
    const base = { orgId, connectorId: c.id, reason: "ok", throttled: false };
    const old = Array.from({ length: 10 }, (_, i) => ({
      ...base,
      checkedAt: utcDay(40, i),
      latencyMs: (i + 1) * 10,
      status: i < 3 ? ("unreachable" as const) : ("operational" as const),
    }));
    const throttled = {
      ...base,
      checkedAt: utcDay(40, 20),
      latencyMs: 1000,
      status: "operational" as const,
      throttled: true,
      reason: "throttled",
    };
    const otherDay = { ...base, checkedAt: utcDay(35, 1), latencyMs: 7, status: "auth_failed" as const };
    const recent = { ...base, checkedAt: utcDay(2, 1), latencyMs: 5, status: "operational" as const };
    const today = { ...base, checkedAt: new Date(), latencyMs: 3, status: "operational" as const };
    await db()
      .insert(healthChecks)
      .values([...old, throttled, otherDay, recent, today]);

    await runHealthSweep(db(), { retention: true }); // the sweep does it itself

    const day = (daysAgo: number) => utcDay(daysAgo, 0).toISOString().slice(0, 10);
    expect(await dailyOf(c.id)).toEqual([
      // 10 checks (the throttled one says nothing about health, as in uptime); p50/p95 by percentile_cont over 10..100.
      { connectorId: c.id, day: day(40), checks: 10, failures: 3, latencyP50: 55, latencyP95: 95.5 },
      { connectorId: c.id, day: day(35), checks: 1, failures: 1, latencyP50: 7, latencyP95: 7 },
      { connectorId: c.id, day: day(2), checks: 1, failures: 0, latencyP50: 5, latencyP95: 5 },
    ]);
    // Older than 30 days: gone, rolled up. The last 30 days stay raw (the latency chart reads them), today too.
    expect((await rawOf(c.id)).sort((x, y) => x - y)).toEqual([3, 5]);
    const [{ rolled }] = await db()
      .select({ rolled: connectors.healthRolledThrough })
      .from(connectors)
      .where(eq(connectors.id, c.id));
    expect([day(1), day(2)]).toContain(rolled); // yesterday, or the day before in the first 15 minutes of a day
  });

  it("leaves out checks in pause and maintenance windows, and waits 15 minutes after a day ends to roll it up", async () => {
    const { orgId, admin } = await createOrganisation(db());
    const c = await connector(orgId, "w");
    // The counts below are this connector's alone. The test before rolls its connector up with the real clock, so in
    // the first 15 minutes of a UTC day that one still waits for yesterday, which the "now" below would roll up too.
    await db()
      .update(connectors)
      .set({ healthRolledThrough: sql`current_date + 1` })
      .where(ne(connectors.id, c.id));
    const now = new Date(utcDay(0, 0).getTime() + 10 * 60_000); // 00:10 UTC today
    const at = (daysAgo: number, hour: number) => ({
      orgId,
      connectorId: c.id,
      reason: "ok",
      checkedAt: utcDay(daysAgo, hour),
      latencyMs: 1,
      status: "operational" as const,
    });
    await db()
      .insert(healthChecks)
      .values([
        at(3, 1),
        at(3, 2),
        at(3, 3),
        at(2, 5),
        { ...at(1, 23), checkedAt: new Date(now.getTime() - 11 * 60_000) },
      ]);
    await db()
      .insert(maintenanceWindows)
      .values({
        orgId,
        connectorId: c.id,
        kind: "maintenance",
        startsAt: utcDay(3, 2),
        endsAt: utcDay(3, 3),
        reason: "upgrade",
        createdById: admin.id,
        createdByName: "Admin",
      });
    expect(await rollupHealthDays(db(), { now })).toMatchObject({ days: 2 });
    expect((await dailyOf(c.id)).map((d) => [d.day, d.checks])).toEqual([
      [utcDay(3, 0).toISOString().slice(0, 10), 2], // 02:00 lies in the window [02:00, 03:00)
      [utcDay(2, 0).toISOString().slice(0, 10), 1],
    ]);
    // Yesterday ended 10 minutes ago: its last check may still be on its way, so it is not rolled up yet.
    expect(await rollupHealthDays(db(), { now })).toEqual({ connectors: 0, days: 0 });
    expect(await rollupHealthDays(db(), { now: new Date(now.getTime() + 6 * 60_000) })).toEqual({
      connectors: 1,
      days: 1,
    });
  });

  it("does a bounded amount of work per run, and never deletes raw results that are not rolled up", async () => {
    const { orgId } = await createOrganisation(db());
    const made = [await connector(orgId, "a"), await connector(orgId, "b"), await connector(orgId, "c")];
    await db()
      .insert(healthChecks)
      .values(
        made.flatMap((c) =>
          [50, 49, 48].map((d) => ({
            orgId,
            connectorId: c.id,
            checkedAt: utcDay(d, 3),
            status: "operational" as const,
            reason: "ok",
            latencyMs: 1,
          })),
        ),
      );
    expect(await deleteOldHealthChecks(db())).toEqual({ rows: 0 }); // nothing rolled up yet
    expect(await rollupHealthDays(db(), { maxConnectors: 2 })).toEqual({ connectors: 2, days: 6 });
    expect(await deleteOldHealthChecks(db(), { maxRows: 4 })).toEqual({ rows: 4 });
    expect(await deleteOldHealthChecks(db(), { maxRows: 4 })).toEqual({ rows: 2 });
    expect(await deleteOldHealthChecks(db(), { maxRows: 4 })).toEqual({ rows: 0 }); // the third is not rolled up
    expect(await rollupHealthDays(db(), { maxConnectors: 2 })).toEqual({ connectors: 1, days: 3 });
    expect(await rollupHealthDays(db(), { maxConnectors: 2 })).toEqual({ connectors: 0, days: 0 });
    expect(await deleteOldHealthChecks(db(), { maxRows: 4 })).toEqual({ rows: 3 });
    for (const c of made) expect((await dailyOf(c.id)).map((d) => d.checks)).toEqual([1, 1, 1]);
  });

  it("upgrading marks the days the old retention rolled up, and leaves connectors with a backlog to the roll-up", async () => {
    // Migration 0017's last statement, as it runs on a database of the previous version (the column still null).
    const file = fs.readFileSync(path.join(process.cwd(), "db/migrations/0017_health_days_rolled.sql"), "utf8");
    const upgrade = file.split("--> statement-breakpoint").at(-1) ?? "";
    expect(upgrade).toContain("UPDATE");
    const { orgId } = await createOrganisation(db());
    const [clean, backlog] = [await connector(orgId, "clean"), await connector(orgId, "backlog")];
    const check = (connectorId: string, daysAgo: number) => ({
      orgId,
      connectorId,
      checkedAt: utcDay(daysAgo, 3),
      status: "operational" as const,
      reason: "ok",
      latencyMs: 1,
    });
    await db()
      .insert(healthChecks)
      .values([check(clean.id, 29), check(backlog.id, 29), check(backlog.id, 31)]);
    await db().update(connectors).set({ healthRolledThrough: null }).where(eq(connectors.orgId, orgId));
    await db().execute(sql.raw(upgrade));
    const rolled = await db()
      .select({ id: connectors.id, rolled: connectors.healthRolledThrough })
      .from(connectors)
      .where(eq(connectors.orgId, orgId));
    expect(Object.fromEntries(rolled.map((r) => [r.id, r.rolled]))).toEqual({
      [clean.id]: utcDay(31, 0).toISOString().slice(0, 10),
      [backlog.id]: null,
    });
  });

  it("prunes sign-in throttle rows older than a day", async () => {
    await db()
      .insert(signInAttempts)
      .values([
        { key: "address:203.0.113.1", attempts: 3, lastAttemptAt: sql`now() - interval '2 days'` },
        { key: "address:203.0.113.2", attempts: 1, lastAttemptAt: sql`now() - interval '1 hour'` },
      ]);
    await runHealthSweep(db());
    expect((await db().select().from(signInAttempts)).map((r) => r.key)).toEqual(["address:203.0.113.2"]);
  });
});
