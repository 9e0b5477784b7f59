import { eq, sql } from "drizzle-orm";
import { connectors, healthChecks, healthDaily, signInAttempts } from "@/db/schema";
import { rollupOldHealthChecks } from "@/db/queries/health-retention";
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
  it("rolls raw results older than 30 days into daily figures and deletes them; recent ones stay", async () => {
    const { orgId } = await createOrganisation(db());
    const c = await createConnector(db(), orgId, {
      systemId: "shopify",
      authType: "token",
      credentials: { store: "x", accessToken: "y" },
    });
    await db()
      .update(connectors)
      .set({ nextCheckAt: new Date(Date.now() + DAY) })
      .where(eq(connectors.id, c.id));
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
    await db()
      .insert(healthChecks)
      .values([...old, throttled, otherDay, recent]);

    await runHealthSweep(db(), { retention: true }); // the sweep does it itself

    const daily = await db()
      .select()
      .from(healthDaily)
      .where(eq(healthDaily.connectorId, c.id))
      .orderBy(healthDaily.day);
    expect(daily).toEqual([
      // 11 checks (the throttled one counts as a check, not a failure); p50/p95 by percentile_cont over 10..100 and 1000.
      {
        connectorId: c.id,
        day: utcDay(40, 0).toISOString().slice(0, 10),
        checks: 11,
        failures: 3,
        latencyP50: 60,
        latencyP95: 550,
      },
      {
        connectorId: c.id,
        day: utcDay(35, 0).toISOString().slice(0, 10),
        checks: 1,
        failures: 1,
        latencyP50: 7,
        latencyP95: 7,
      },
    ]);
    const left = await db().select().from(healthChecks).where(eq(healthChecks.connectorId, c.id));
    expect(left.map((r) => r.latencyMs)).toEqual([5]);
  });

  it("does a bounded amount of work per run", async () => {
    const { orgId } = await createOrganisation(db());
    const c = await createConnector(db(), orgId, {
      systemId: "shopify",
      authType: "token",
      credentials: { store: "y", accessToken: "y" },
    });
    await db()
      .update(connectors)
      .set({ nextCheckAt: new Date(Date.now() + DAY) })
      .where(eq(connectors.id, c.id));
    await db()
      .insert(healthChecks)
      .values(
        [50, 49, 48].map((d) => ({
          orgId,
          connectorId: c.id,
          checkedAt: utcDay(d, 3),
          status: "operational" as const,
          reason: "ok",
          latencyMs: 1,
        })),
      );
    expect(await rollupOldHealthChecks(db(), { maxDays: 2 })).toEqual({ rows: 2, days: 2 });
    expect(await rollupOldHealthChecks(db(), { maxDays: 2 })).toEqual({ rows: 1, days: 1 });
    expect(await rollupOldHealthChecks(db(), { maxDays: 2 })).toEqual({ rows: 0, days: 0 });
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
