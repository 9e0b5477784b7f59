import { eq, inArray, sql } from "drizzle-orm";
import { listConnectorAudit } from "@/db/queries/audit";
import { getUptime } from "@/db/queries/connector-history";
import { insertWindow } from "@/db/queries/maintenance";
import { connectors, healthChecks, outbox } from "@/db/schema";
import { checkConnector } from "@/lib/checks/check-connector";
import { runHealthSweep } from "@/lib/checks/sweep";
import { updateCheckInterval } from "@/lib/maintenance/check-interval";
import { toLocalInput } from "@/lib/maintenance/local-time";
import { checkIntervalSchema, maintenanceSchema, pauseSchema } from "@/lib/maintenance/schemas";
import { cancelMaintenance, pauseConnector, resumeConnector, scheduleMaintenance } from "@/lib/maintenance/windows";
import { useTestDb } from "../../helpers/db";
import { createConnector, createMember, createOrganisation } from "../../helpers/factories";
import { fakeSystem } from "../../helpers/fake-systems";
import { addFakeConnectors, makeDue, sweepWith } from "../../helpers/health";
import { type Emulator, json, startEmulator } from "../../helpers/vendor-mock";

const db = useTestDb();
const INTERVAL = 300_000;
const ZONE = "Europe/London"; // the connectors' default zone: typed times are read in it
const local = (msFromNow: number) => toLocalInput(new Date(Date.now() + msFromNow), ZONE);

let emu: Emulator;
const failing = new Set<string>();
beforeAll(async () => {
  emu = await startEmulator((req, res) => json(res, failing.has(req.path) ? 401 : 200, {}));
});
afterAll(() => emu.close());

const system = fakeSystem();
const config = sweepWith(system, { intervalMs: INTERVAL });
const sweep = () => runHealthSweep(db(), config);
const row = async (id: string) => (await db().select().from(connectors).where(eq(connectors.id, id)))[0];
const alertsFor = async (connectorId: string) =>
  (await db().select().from(outbox)).filter(
    (r) => (r.payload as { body: { connector: { id: string } } }).body.connector.id === connectorId,
  );

async function setup() {
  const org = await createOrganisation(db());
  const manager = await createMember(db(), org.orgId, "manager");
  const fakes = await addFakeConnectors(db(), org.orgId, 3, (i) => ({ url: `${emu.origin}/c${i}`, token: "t0ken" }));
  return { ...org, manager, fakes };
}

describe("pause and maintenance windows", () => {
  it("the sweep skips paused connectors and those in maintenance, and checks them again once resumed", async () => {
    const { manager, fakes } = await setup();
    const [paused, maintained, normal] = fakes;
    await pauseConnector(db(), manager, { connectorId: paused.id, reason: "Vendor migration", until: "" });
    await scheduleMaintenance(db(), manager, {
      connectorId: maintained.id,
      startsAt: local(0), // this minute: accepted as "now"
      endsAt: local(3_600_000),
      reason: "ERP upgrade",
    });
    const ids = fakes.map((f) => f.id);
    await makeDue(db(), ids);
    const before = await db().select().from(healthChecks).where(inArray(healthChecks.connectorId, ids));
    expect(await sweep()).toMatchObject({ claimed: 1, checked: 1 });
    const after = await db().select().from(healthChecks).where(inArray(healthChecks.connectorId, ids));
    expect(after.filter((c) => !before.some((b) => b.id === c.id)).map((c) => c.connectorId)).toEqual([normal.id]);
    // Still due: checked the moment the window ends.
    expect((await row(paused.id)).nextCheckAt.getTime()).toBeLessThanOrEqual(Date.now());

    expect(await resumeConnector(db(), manager, { connectorId: paused.id })).toBe(true);
    expect(await resumeConnector(db(), manager, { connectorId: paused.id })).toBe(false);
    expect(await sweep()).toMatchObject({ claimed: 1, checked: 1 });
    expect((await row(paused.id)).lastCheckedAt).not.toBeNull();
    expect((await row(maintained.id)).lastCheckedAt).toBeNull();
  });

  it("a window planned for later does not stop checks before it starts", async () => {
    const { manager, fakes } = await setup();
    await scheduleMaintenance(db(), manager, {
      connectorId: fakes[0].id,
      startsAt: local(3_600_000),
      endsAt: local(7_200_000),
      reason: "Later",
    });
    await makeDue(db(), [fakes[0].id]);
    expect(await sweep()).toMatchObject({ claimed: 3, checked: 3 });
  });

  it("Check now explains that the connector is paused, and checks nothing", async () => {
    const { manager, fakes } = await setup();
    await pauseConnector(db(), manager, { connectorId: fakes[0].id, reason: "Vendor migration", until: "" });
    await expect(
      checkConnector(db(), { orgId: manager.orgId, connectorId: fakes[0].id }, { mode: "now", actor: manager, config }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/paused \(Vendor migration\)/) });
    expect(await db().select().from(healthChecks).where(eq(healthChecks.connectorId, fakes[0].id))).toHaveLength(0);
  });

  it("sends no alert for a change recorded during a window, and no still-down reminder", async () => {
    const { manager, fakes } = await setup();
    const [quiet, loud] = fakes;
    failing.add("/c0").add("/c1");
    await pauseConnector(db(), manager, { connectorId: quiet.id, reason: "Expected outage", until: "" });
    // A change can still be recorded while paused (the check a credentials save runs); it raises no alert.
    for (const c of [quiet, loud])
      await checkConnector(db(), { orgId: manager.orgId, connectorId: c.id }, { mode: "now", config });
    expect((await row(quiet.id)).status).toBe("auth_failed");
    expect(await alertsFor(quiet.id)).toHaveLength(0);
    expect((await alertsFor(loud.id)).length).toBeGreaterThan(0);

    await db()
      .update(connectors)
      .set({ statusSince: sql`now() - interval '2 days'` })
      .where(inArray(connectors.id, [quiet.id, loud.id]));
    await runHealthSweep(db(), { ...config, reminders: true });
    const stillDown = async (id: string) =>
      (await alertsFor(id)).filter(
        (r) => (r.payload as { body: { event: string } }).body.event === "connector.still_down",
      );
    expect(await stillDown(quiet.id)).toHaveLength(0);
    expect((await stillDown(loud.id)).length).toBeGreaterThan(0);
    failing.clear();
  });

  it("uptime leaves out checks inside pause and maintenance windows", async () => {
    const { orgId, admin } = await createOrganisation(db());
    const c = await createConnector(db(), orgId, { systemId: "fake-u", authType: "token", credentials: { t: "x" } });
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    const check = (h: number, status: "operational" | "unreachable") => ({
      orgId,
      connectorId: c.id,
      checkedAt: hoursAgo(h),
      status,
      reason: status === "operational" ? "ok" : "timeout",
      latencyMs: 100,
    });
    await db()
      .insert(healthChecks)
      .values([check(10, "operational"), check(9, "operational"), check(5, "unreachable"), check(4, "unreachable")]);
    expect((await getUptime(db(), { orgId, connectorId: c.id }))["24h"]).toBe(50);
    const base = { orgId, connectorId: c.id, reason: "Planned", createdById: admin.id, createdByName: admin.name };
    await insertWindow(db(), { ...base, kind: "maintenance", startsAt: hoursAgo(6), endsAt: hoursAgo(4.5) });
    expect((await getUptime(db(), { orgId, connectorId: c.id }))["24h"]).toBeCloseTo((2 / 3) * 100);
    await insertWindow(db(), { ...base, kind: "pause", startsAt: hoursAgo(4.2), endsAt: null });
    expect((await getUptime(db(), { orgId, connectorId: c.id }))["24h"]).toBe(100);
  });

  it("audits pause, resume, scheduling and cancelling, naming the reason", async () => {
    const { manager, fakes } = await setup();
    const connectorId = fakes[0].id;
    await pauseConnector(db(), manager, { connectorId, reason: "Vendor migration", until: local(3_600_000) });
    await resumeConnector(db(), manager, { connectorId });
    const window = await scheduleMaintenance(db(), manager, {
      connectorId,
      startsAt: local(86_400_000),
      endsAt: local(90_000_000),
      reason: "ERP upgrade",
    });
    await cancelMaintenance(db(), manager, { connectorId, windowId: window.id });
    const audit = await listConnectorAudit(db(), { orgId: manager.orgId, connectorId });
    expect(audit.map((a) => a.action).sort()).toEqual(
      [
        "connector.maintenance_cancelled",
        "connector.maintenance_scheduled",
        "connector.paused",
        "connector.resumed",
      ].sort(),
    );
    expect(audit.find((a) => a.action === "connector.paused")?.summary).toMatch(/until .*: Vendor migration$/);
    expect(audit.every((a) => a.actorName === manager.name)).toBe(true);
  });

  it("refuses bad input with a message naming the field, and other roles and organisations", async () => {
    const { orgId, manager, fakes } = await setup();
    const connectorId = fakes[0].id;
    const noReason = pauseSchema.safeParse({ connectorId, reason: "  " });
    expect(noReason.error?.issues.map((i) => i.path[0])).toEqual(["reason"]);
    const noEnd = maintenanceSchema.safeParse({ connectorId, startsAt: local(60_000), endsAt: "", reason: "x" });
    expect(noEnd.error?.issues.map((i) => i.path[0])).toEqual(["endsAt"]);

    await expect(
      pauseConnector(db(), manager, { connectorId, reason: "x", until: local(-3_600_000) }),
    ).rejects.toMatchObject({ code: "INVALID", fieldErrors: { until: ["Until must be in the future."] } });
    await expect(pauseConnector(db(), manager, { connectorId, reason: "x", until: "tomorrow" })).rejects.toMatchObject({
      fieldErrors: { until: [expect.stringMatching(/not a date and time/)] },
    });
    await expect(
      scheduleMaintenance(db(), manager, {
        connectorId,
        startsAt: local(7_200_000),
        endsAt: local(3_600_000),
        reason: "x",
      }),
    ).rejects.toMatchObject({ fieldErrors: { endsAt: ["End must be after the start."] } });
    await expect(
      scheduleMaintenance(db(), manager, {
        connectorId,
        startsAt: local(-86_400_000),
        endsAt: local(3_600_000),
        reason: "x",
      }),
    ).rejects.toMatchObject({ fieldErrors: { startsAt: [expect.stringMatching(/future/)] } });

    await pauseConnector(db(), manager, { connectorId, reason: "first", until: "" });
    await expect(pauseConnector(db(), manager, { connectorId, reason: "again", until: "" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const user = await createMember(db(), orgId, "user");
    await expect(resumeConnector(db(), user, { connectorId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const stranger = await createMember(db(), (await createOrganisation(db())).orgId, "administrator");
    await expect(resumeConnector(db(), stranger, { connectorId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await resumeConnector(db(), manager, { connectorId })).toBe(true);
  });
});

describe("check interval per connector", () => {
  it("validates 1 to 60 whole minutes, empty meaning the default", () => {
    const id = "00000000-0000-4000-8000-000000000000";
    for (const bad of ["0", "61", "1.5", "abc", "-5"]) {
      const r = checkIntervalSchema.safeParse({ connectorId: id, minutes: bad });
      expect(r.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
        ["minutes", "Check interval must be a whole number of minutes from 1 to 60, or empty for the default."],
      ]);
    }
    expect(checkIntervalSchema.parse({ connectorId: id, minutes: "" }).minutes).toBeNull();
    expect(checkIntervalSchema.parse({ connectorId: id, minutes: " 60 " }).minutes).toBe(60);
  });

  it("the sweep schedules the next check from the connector's own interval", async () => {
    const { manager, fakes } = await setup();
    const [own, dflt] = fakes;
    expect(await updateCheckInterval(db(), manager, { connectorId: own.id, minutes: 2 })).toEqual({ changed: true });
    expect(await updateCheckInterval(db(), manager, { connectorId: own.id, minutes: 2 })).toEqual({ changed: false });
    await makeDue(db(), [own.id, dflt.id]);
    const before = Date.now();
    await sweep();
    const next = async (id: string) => (await row(id)).nextCheckAt.getTime() - before;
    expect(await next(own.id)).toBeGreaterThan(120_000 * 0.9 - 5_000);
    expect(await next(own.id)).toBeLessThan(120_000 * 1.1 + 5_000);
    expect(await next(dflt.id)).toBeGreaterThan(INTERVAL * 0.9 - 5_000);
    const audit = await listConnectorAudit(db(), { orgId: manager.orgId, connectorId: own.id });
    expect(audit.map((a) => a.summary)).toEqual(["set the check interval to 2 minutes"]);
  });

  it("a shorter interval brings a distant next check forward", async () => {
    const { manager, fakes } = await setup();
    await db()
      .update(connectors)
      .set({ nextCheckAt: sql`now() + interval '1 hour'` })
      .where(eq(connectors.id, fakes[0].id));
    await updateCheckInterval(db(), manager, { connectorId: fakes[0].id, minutes: 5 });
    expect((await row(fakes[0].id)).nextCheckAt.getTime()).toBeLessThanOrEqual(Date.now() + 5 * 60_000 + 1_000);
    expect((await row(fakes[0].id)).checkIntervalMinutes).toBe(5);
  });
});
