import { eq } from "drizzle-orm";
import { connectors, healthChecks, healthDaily, maintenanceWindows } from "@/db/schema";
import { getLatencySeries, getUptime, type UptimeWindow } from "@/db/queries/connector-history";
import { rollupHealthDays } from "@/db/queries/health-retention";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";

// The edges of the Summary tab's uptime and latency figures: window boundaries to the millisecond, throttled checks,
// pause and maintenance windows, UTC days of the roll-ups, and local hours in zones with DST or odd offsets.
const db = useTestDb();
const HOUR = 3_600_000;
const NOW = new Date("2026-03-10T05:00:00.000Z");
const before = (ms: number) => new Date(NOW.getTime() - ms);

type Status = "operational" | "unreachable";
let orgId: string, adminId: string;
let made = 0;
const connector = async (timeZone = "Europe/London") => {
  const systemId = `fake-history-${++made}`; // one connector per system in a group
  const c = await createConnector(db(), orgId, { systemId, authType: "token", credentials: { t: "x" } });
  await db().update(connectors).set({ timeZone }).where(eq(connectors.id, c.id));
  return c.id;
};
const checks = (connectorId: string, rows: [at: Date, status: Status, throttled?: boolean][]) =>
  db()
    .insert(healthChecks)
    .values(
      rows.map(([checkedAt, status, throttled = false]) => ({
        orgId,
        connectorId,
        checkedAt,
        status,
        throttled,
        latencyMs: 100,
        reason: status,
      })),
    );
const addWindow = (connectorId: string, startsAt: Date, endsAt: Date | null) =>
  db()
    .insert(maintenanceWindows)
    .values({
      orgId,
      connectorId,
      kind: endsAt ? "maintenance" : "pause",
      startsAt,
      endsAt,
      reason: "test",
      createdById: adminId,
      createdByName: "Admin",
    });

beforeAll(async () => {
  const org = await createOrganisation(db(), "History edges");
  [orgId, adminId] = [org.orgId, org.admin.id];
});

describe("uptime", () => {
  it("counts a check exactly at a window's start in that window, and none after now or before the longest window", async () => {
    const id = await connector();
    await checks(id, [
      [new Date(NOW.getTime() + 1), "unreachable"],
      [NOW, "operational"],
      [before(HOUR), "unreachable", true],
      [before(2 * HOUR), "operational", true],
      [before(24 * HOUR), "unreachable"],
      [before(24 * HOUR + 1), "operational"],
      [before(100 * HOUR), "operational"],
      [before(168 * HOUR), "unreachable"],
      [before(168 * HOUR + 1), "operational"],
      [before(720 * HOUR), "operational"],
      [before(720 * HOUR + 1), "unreachable"],
    ]);
    expect(await getUptime(db(), { orgId, connectorId: id, now: NOW })).toEqual({
      "24h": 50,
      "7d": 60,
      "30d": (5 / 7) * 100,
    });
  });

  it("adds the roll-ups of whole days up to the last rolled day, raw checks for the rest, and no check twice", async () => {
    const id = await connector();
    // Rolled through 2026-03-08. The 30-day window starts 2026-02-08T05:00Z, inside the 30 days of raw checks kept
    // (from 2026-02-08T00:00Z): its first, partial day comes from raw checks. The 90-day window starts 2025-12-10T05:00Z,
    // before them: its first day is taken whole from its roll-up.
    await db().update(connectors).set({ healthRolledThrough: "2026-03-08" }).where(eq(connectors.id, id));
    await db()
      .insert(healthDaily)
      .values([
        { connectorId: id, day: "2026-03-08", checks: 10, failures: 10 },
        { connectorId: id, day: "2026-02-09", checks: 20, failures: 0 },
        { connectorId: id, day: "2026-02-08", checks: 1000, failures: 0 }, // the 30-day window's raw first day instead
        { connectorId: id, day: "2025-12-10", checks: 40, failures: 40 },
        { connectorId: id, day: "2025-12-09", checks: 1000, failures: 0 }, // before every window
      ]);
    await checks(id, [
      [NOW, "operational"],
      [new Date("2026-03-09T12:00:00Z"), "operational"], // after the last rolled day
      [new Date("2026-03-08T12:00:00Z"), "unreachable"], // in a rolled day: its roll-up stands for it
      [new Date("2026-02-08T06:00:00Z"), "unreachable"], // the 30-day window's first day
      [new Date("2026-02-08T04:00:00Z"), "unreachable"], // before the 30-day window
    ]);
    const uptime = await getUptime(db(), { orgId, connectorId: id, now: NOW, windows: ["24h", "30d", "90d"] });
    expect(uptime).toEqual({ "24h": 100, "30d": (22 / 33) * 100, "90d": (1022 / 1072) * 100 });
  });

  it("gives the same figures after the days are rolled up as from raw checks alone", async () => {
    const id = await connector();
    // 35 days of checks at pseudo-random instants: failures, throttled ones, and windows that cut days in two.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const rows: [Date, Status, boolean][] = Array.from({ length: 600 }, () => [
      before(Math.floor(next() * 35 * 24 * HOUR)),
      next() < 0.2 ? "unreachable" : "operational",
      next() < 0.05,
    ]);
    await checks(id, rows);
    await addWindow(id, before(10 * 24 * HOUR + 5 * HOUR), before(9 * 24 * HOUR + 2 * HOUR));
    await addWindow(id, before(26 * HOUR), before(20 * HOUR));
    await addWindow(id, before(29.5 * 24 * HOUR), before(29 * 24 * HOUR));
    const windows: UptimeWindow[] = ["24h", "7d", "30d", "90d"];
    const rawOnly = await getUptime(db(), { orgId, connectorId: id, now: NOW, windows });
    expect(Object.values(rawOnly).every((v) => v !== null && v > 0 && v < 100)).toBe(true);

    await rollupHealthDays(db(), { now: NOW });
    const [{ rolled }] = await db()
      .select({ rolled: connectors.healthRolledThrough })
      .from(connectors)
      .where(eq(connectors.id, id));
    expect(rolled).toBe("2026-03-09");
    expect(await getUptime(db(), { orgId, connectorId: id, now: NOW, windows })).toEqual(rawOnly);
    const other = await createOrganisation(db(), "History edges, elsewhere");
    expect(await getUptime(db(), { orgId: other.orgId, connectorId: id, now: NOW })).toEqual({
      "24h": null,
      "7d": null,
      "30d": null,
    });
  });

  it("leaves out checks in pause and maintenance windows: start included, end excluded, overlaps, open pauses", async () => {
    const id = await connector();
    const other = await connector();
    const at = (h: number) => before(h * HOUR);
    // Only the checks 5, 6, 9 and 10 hours ago lie outside the windows below; every other check is a failure.
    await checks(id, [
      [at(1), "unreachable"],
      [at(2), "unreachable"],
      [at(3), "unreachable"],
      [at(4), "unreachable"],
      [at(5), "operational"],
      [at(6), "unreachable"],
      [at(7), "unreachable"],
      [at(8), "unreachable"],
      [at(9), "operational"],
      [at(10), "operational"],
      [at(720), "unreachable"],
      [at(1950), "unreachable"],
    ]);
    await addWindow(id, at(8), at(6));
    await addWindow(id, at(4.5), at(3.5));
    await addWindow(id, at(4), at(2.5));
    await addWindow(id, at(2), null);
    await addWindow(id, at(800), at(719)); // began before the 30 days
    await addWindow(id, at(2000), at(1900)); // only inside the 90 days
    await addWindow(id, at(-1), at(-2 * 24)); // still to come
    await addWindow(other, at(5000), null); // another connector's
    const uptime = await getUptime(db(), { orgId, connectorId: id, now: NOW, windows: ["24h", "7d", "30d", "90d"] });
    expect(uptime).toEqual({ "24h": 75, "7d": 75, "30d": 75, "90d": 75 });
    expect(await getUptime(db(), { orgId, connectorId: other, now: NOW })).toEqual({
      "24h": null,
      "7d": null,
      "30d": null,
    });
  });
});

describe("latency series", () => {
  const series = async (timeZone: string, now: string, hours: number, at: string[]) => {
    const id = await connector(timeZone);
    await checks(
      id,
      at.map((t) => [new Date(t), "operational"]),
    );
    const points = await getLatencySeries(db(), { orgId, connectorId: id, timeZone, now: new Date(now), hours });
    return points.map((p) => [p.at.toISOString().slice(0, 16), p.checks]);
  };

  it("keeps both 1 a.m. hours apart on the night the clocks go back", async () => {
    const at = ["2026-10-24T21:50Z", "2026-10-24T23:50Z", "2026-10-25T00:10Z", "2026-10-25T00:50Z"];
    at.push("2026-10-25T01:10Z", "2026-10-25T01:50Z", "2026-10-25T02:10Z");
    expect(await series("Europe/London", "2026-10-25T03:00Z", 5, at)).toEqual([
      ["2026-10-24T23:00", 1],
      ["2026-10-25T00:00", 2], // 01:00 BST
      ["2026-10-25T01:00", 2], // 01:00 GMT
      ["2026-10-25T02:00", 1],
    ]);
  });

  it("starts the hours of a half-hour zone at half past in UTC", async () => {
    const at = ["2026-10-25T10:00Z", "2026-10-25T10:20Z", "2026-10-25T10:40Z", "2026-10-25T11:10Z"];
    expect(await series("Asia/Kolkata", "2026-10-25T12:00Z", 3, at)).toEqual([
      ["2026-10-25T09:30", 2],
      ["2026-10-25T10:30", 2],
    ]);
  });

  it("follows a zone whose clocks go back half an hour (Lord Howe: +11 to +10:30 at 15:00 UTC)", async () => {
    const at = ["2026-04-04T12:40Z", "2026-04-04T13:20Z", "2026-04-04T14:10Z", "2026-04-04T14:50Z"];
    at.push("2026-04-04T15:10Z", "2026-04-04T15:40Z", "2026-04-04T16:20Z");
    expect(await series("Australia/Lord_Howe", "2026-04-04T16:30Z", 4, at)).toEqual([
      ["2026-04-04T12:00", 1],
      ["2026-04-04T13:00", 1],
      ["2026-04-04T14:00", 2],
      ["2026-04-04T14:30", 1], // 01:40 at +10:30 is in the local hour from 01:00 at that offset
      ["2026-04-04T15:30", 2],
    ]);
    const after = ["2026-04-06T09:10Z", "2026-04-06T09:40Z", "2026-04-06T10:20Z", "2026-04-06T11:50Z"];
    expect(await series("Australia/Lord_Howe", "2026-04-06T12:00Z", 3, after)).toEqual([
      ["2026-04-06T08:30", 1],
      ["2026-04-06T09:30", 2],
      ["2026-04-06T11:30", 1],
    ]);
  });

  it("reads only the organisation's checks", async () => {
    const id = await connector();
    await checks(id, [[before(HOUR), "operational"]]);
    const { orgId: otherOrg } = await createOrganisation(db(), "History edges, other");
    expect(
      await getLatencySeries(db(), { orgId: otherOrg, connectorId: id, timeZone: "Europe/London", now: NOW }),
    ).toEqual([]);
    expect(await getLatencySeries(db(), { orgId, connectorId: id, timeZone: "Europe/London", now: NOW })).toHaveLength(
      1,
    );
  });
});
