import { and, eq, gte, lt } from "drizzle-orm";
import fc from "fast-check";
import { connectors, healthChecks, healthHourly, healthHoursRolled } from "@/db/schema";
import { getLatencySeries, type LatencyPoint } from "@/db/queries/connector-history";
import { rollupHealthHours } from "@/db/queries/health-hourly";
import { utcHourStart } from "@/db/queries/sql-time";
import { runHealthSweep } from "@/lib/checks/sweep";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";
import { fakeSystem } from "../../helpers/fake-systems";
import { addFakeConnectors, sweepWith } from "../../helpers/health";
import { json, startEmulator } from "../../helpers/vendor-mock";

// The latency chart reads whole UTC hours from health_hourly where the connector's zone has whole-hour offsets, and
// raw checks elsewhere: whichever it reads, the points must be the ones the raw checks alone give.
const db = useTestDb();
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** The week before spans the night Europe's clocks went back (2026-10-25 01:00 UTC) and America's did not yet. */
const NOW = new Date("2026-10-26T12:07:31.250Z");
const ZONES = [
  "UTC",
  "Europe/London",
  "America/New_York",
  "Asia/Kolkata", // +05:30
  "Asia/Kathmandu", // +05:45
  "Australia/Lord_Howe", // +10:30, +11 in its summer
  "Pacific/Chatham", // +12:45, +13:45
] as const;
const STATUSES = ["operational", "unreachable", "auth_failed"] as const;

let orgId: string;
let made = 0;
const connector = async (timeZone: string) => {
  const c = await createConnector(db(), orgId, {
    systemId: `fake-hourly-${++made}`,
    authType: "token",
    credentials: { t: "x" },
  });
  await db().update(connectors).set({ timeZone }).where(eq(connectors.id, c.id));
  return c.id;
};
type Check = { offsetMs: number; status: (typeof STATUSES)[number]; throttled: boolean; latencyMs: number };
const insertChecks = async (connectorId: string, list: Check[]) => {
  if (list.length)
    await db()
      .insert(healthChecks)
      .values(
        list.map((c) => ({
          orgId,
          connectorId,
          checkedAt: new Date(NOW.getTime() - c.offsetMs),
          status: c.status,
          throttled: c.throttled,
          latencyMs: c.latencyMs,
          reason: c.status,
        })),
      );
};
const series = (connectorId: string, timeZone: string, now: Date, hours = 168) =>
  getLatencySeries(db(), { orgId, connectorId, timeZone, now, hours });
/** Rolls until no connector is due (the test database holds this file's connectors only). */
const rollAll = async (now: Date) => {
  while ((await rollupHealthHours(db(), { now, maxConnectors: 7 })).connectors > 0);
};
const rolledOf = async (connectorId: string) =>
  (await db().select().from(healthHoursRolled).where(eq(healthHoursRolled.connectorId, connectorId)))[0];

beforeAll(async () => {
  orgId = (await createOrganisation(db(), "Hourly latency")).orgId;
});

describe("hourly latency roll-up", () => {
  it("gives every zone's chart exactly the points of the raw checks, whenever the hours were rolled", async () => {
    const check = fc.record({
      // Over 9 days back (past the 8 days kept) and a few minutes ahead of NOW (a chart read before them).
      offsetMs: fc.integer({ min: -10 * MINUTE, max: 9 * 24 * HOUR }),
      status: fc.constantFrom(...STATUSES),
      throttled: fc.boolean(),
      latencyMs: fc.integer({ min: 0, max: 30_000 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.array(check, { maxLength: 250 }),
        // Rolls at these many minutes before NOW (several, in any order), then charts read at these.
        fc.array(fc.integer({ min: 0, max: 3 * 24 * 60 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 3 * 24 * 60 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(168, 24, 1, 200),
        async (zone, checks, rolls, reads, hours) => {
          const id = await connector(zone);
          await insertChecks(id, checks);
          const readAt = reads.map((m) => new Date(NOW.getTime() - m * MINUTE - 17));
          const raw: LatencyPoint[][] = [];
          for (const at of readAt) raw.push(await series(id, zone, at, hours));
          for (const m of rolls) await rollAll(new Date(NOW.getTime() - m * MINUTE));
          for (const [i, at] of readAt.entries()) expect(await series(id, zone, at, hours)).toEqual(raw[i]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reads the whole hours it rolled, not their raw checks, where the zone's hours are UTC hours", async () => {
    const london = await connector("Europe/London");
    const kolkata = await connector("Asia/Kolkata");
    const list: Check[] = Array.from({ length: 7 * 24 * 12 }, (_, i) => ({
      offsetMs: i * 5 * MINUTE + 1_000,
      status: i % 9 === 0 ? "unreachable" : "operational",
      throttled: false,
      latencyMs: 100 + ((i * 37) % 400),
    }));
    await insertChecks(london, list);
    await insertChecks(kolkata, list);
    const before = [await series(london, "Europe/London", NOW), await series(kolkata, "Asia/Kolkata", NOW)];
    expect(before[0].length).toBeGreaterThan(160);
    await rollAll(NOW);
    const marks = await rolledOf(london);
    expect(marks.rolledThrough).toEqual(new Date("2026-10-26T11:00:00Z")); // 12:07 less 15 minutes, to the hour
    expect(marks.rolledFrom).toEqual(new Date("2026-10-18T12:00:00Z")); // 8 days before NOW's hour
    // Without the raw checks of the rolled hours after the window's first (cut) hour, London's chart is unchanged:
    // it reads them rolled. Kolkata's hours are not UTC hours, so its chart reads raw checks and loses those points.
    for (const id of [london, kolkata])
      await db()
        .delete(healthChecks)
        .where(
          and(
            eq(healthChecks.connectorId, id),
            gte(healthChecks.checkedAt, new Date("2026-10-19T13:00:00Z")),
            lt(healthChecks.checkedAt, marks.rolledThrough),
          ),
        );
    expect(await series(london, "Europe/London", NOW)).toEqual(before[0]);
    expect((await series(kolkata, "Asia/Kolkata", NOW)).length).toBeLessThan(5);
  });

  it("keeps 8 days of hours, moves each connector on once an hour has been over 15 minutes, and skips a quiet one", async () => {
    const id = await connector("UTC");
    await insertChecks(id, [
      { offsetMs: 9 * 24 * HOUR, status: "operational", throttled: false, latencyMs: 5 }, // older than kept
      { offsetMs: 3 * HOUR, status: "operational", throttled: false, latencyMs: 10 },
      { offsetMs: 3 * HOUR - 1, status: "unreachable", throttled: true, latencyMs: 30 },
      { offsetMs: 7 * MINUTE + 31_250, status: "operational", throttled: false, latencyMs: 7 }, // 12:00:00, this hour
    ]);
    const quiet = await connector("UTC");
    await rollAll(NOW);
    const hours = await db().select().from(healthHourly).where(eq(healthHourly.connectorId, id));
    expect(hours).toEqual([
      expect.objectContaining({
        hour: new Date("2026-10-26T09:00:00Z"),
        orgId,
        checks: 2,
        failures: 1,
        latencySum: 40,
        latencyP95: 29,
      }),
    ]);
    expect(await db().select().from(healthHourly).where(eq(healthHourly.connectorId, quiet))).toEqual([]);
    expect((await rolledOf(quiet)).rolledThrough).toEqual(new Date("2026-10-26T11:00:00Z"));
    // At 12:14 nothing is due; at 12:15 the hour from 11:00 is.
    expect(await rollupHealthHours(db(), { now: new Date("2026-10-26T12:14:59Z") })).toMatchObject({ connectors: 0 });
    await rollupHealthHours(db(), { now: new Date("2026-10-26T12:15:00Z") });
    expect((await rolledOf(id)).rolledThrough).toEqual(new Date("2026-10-26T12:00:00Z"));
    expect(await db().select().from(healthHourly).where(eq(healthHourly.connectorId, id))).toHaveLength(1);
    // 8 days and an hour on, the 09:00 hour is older than kept: gone, and the kept range moves with it.
    await rollAll(new Date(NOW.getTime() + 8 * 24 * HOUR));
    expect(await db().select().from(healthHourly).where(eq(healthHourly.connectorId, id))).toEqual([
      expect.objectContaining({ hour: new Date("2026-10-26T12:00:00Z"), checks: 1 }),
    ]);
    expect(await rolledOf(id)).toMatchObject({
      rolledFrom: new Date("2026-10-26T12:00:00Z"),
      rolledThrough: new Date("2026-11-03T11:00:00Z"),
    });
  });

  it("reads only the organisation's hours", async () => {
    const id = await connector("UTC");
    await insertChecks(id, [{ offsetMs: 5 * HOUR, status: "operational", throttled: false, latencyMs: 10 }]);
    await rollAll(NOW);
    const { orgId: otherOrg } = await createOrganisation(db(), "Hourly latency, other");
    expect(await getLatencySeries(db(), { orgId: otherOrg, connectorId: id, timeZone: "UTC", now: NOW })).toEqual([]);
    expect(await series(id, "UTC", NOW)).toHaveLength(1);
  });

  it("lets two rolls of the same hours at once write each hour once", async () => {
    const ids = [await connector("UTC"), await connector("UTC")];
    for (const id of ids)
      await insertChecks(
        id,
        Array.from({ length: 48 }, (_, i) => ({
          offsetMs: i * 30 * MINUTE + 2 * HOUR,
          status: "operational" as const,
          throttled: false,
          latencyMs: i,
        })),
      );
    await Promise.all([rollAll(NOW), rollAll(NOW), rollAll(NOW)]);
    for (const id of ids) {
      const hours = await db().select().from(healthHourly).where(eq(healthHourly.connectorId, id));
      expect(hours.reduce((n, h) => n + h.checks, 0)).toBe(48);
    }
  });

  it("is done by the sweep's retention step, for the connectors it checked and the others", async () => {
    const emu = await startEmulator((_req, res) => json(res, 200, {}));
    try {
      const [checked] = await addFakeConnectors(db(), orgId, 1, () => ({
        url: `${emu.origin}/ok`,
        token: "t0ken-value",
      }));
      const earlier = new Date(Date.now() - 2 * HOUR);
      await db().insert(healthChecks).values({
        orgId,
        connectorId: checked.id,
        checkedAt: earlier,
        status: "operational",
        latencyMs: 42,
        reason: "ok",
      });
      await runHealthSweep(db(), sweepWith(fakeSystem(), { retention: true }));
      const through = utcHourStart(new Date(Date.now() - 15 * MINUTE));
      expect(await db().select().from(healthHourly).where(eq(healthHourly.connectorId, checked.id))).toEqual([
        expect.objectContaining({ hour: utcHourStart(earlier), checks: 1, latencySum: 42 }),
      ]);
      // Every connector of the database has moved on, not only the one the sweep checked.
      const marks = await db().select().from(healthHoursRolled);
      expect(marks.length).toBe(made + 1);
      for (const m of marks) expect(m.rolledThrough.getTime()).toBeGreaterThanOrEqual(through.getTime() - HOUR);
    } finally {
      await emu.close();
    }
  });
});
