import { and, asc, eq, inArray } from "drizzle-orm";
import { connectors, healthChecks, statusEvents } from "@/db/schema";
import { decryptCredentials } from "@/lib/crypto/credentials";
import { checkConnector } from "@/lib/checks/check-connector";
import { runHealthSweep } from "@/lib/checks/sweep";
import { useTestDb } from "../../helpers/db";
import { createOrganisation } from "../../helpers/factories";
import { fakeSystem, scripted } from "../../helpers/fake-systems";
import { addFakeConnectors, makeDue, sweepWith } from "../../helpers/health";
import { captureLogs } from "../../helpers/captured-logs";
import { type Emulator, json, startEmulator } from "../../helpers/vendor-mock";

const db = useTestDb();
const INTERVAL = 300_000;

describe("health sweep: recording and flap control", () => {
  let emu: Emulator;
  let orgId: string;
  const behaviour = new Map<string, number>(); // path -> HTTP status the vendor answers
  beforeAll(async () => {
    emu = await startEmulator((req, res) => {
      const status = behaviour.get(req.path) ?? 200;
      json(res, status, {}, status === 429 ? { "retry-after": "3600" } : {});
    });
    orgId = (await createOrganisation(db())).orgId;
  });
  afterAll(() => emu.close());

  const system = fakeSystem();
  const sweep = () => runHealthSweep(db(), sweepWith(system, { intervalMs: INTERVAL }));
  const row = async (id: string) => (await db().select().from(connectors).where(eq(connectors.id, id)))[0];
  const events = (id: string) =>
    db().select().from(statusEvents).where(eq(statusEvents.connectorId, id)).orderBy(asc(statusEvents.id));

  it("checks every due connector once, records each result and the first status as an event", async () => {
    behaviour.set("/bad", 401);
    const [ok, bad] = await addFakeConnectors(db(), orgId, 2, (i) => ({
      url: `${emu.origin}/${i ? "bad" : "ok"}`,
      token: "t0ken-value",
    }));
    const before = Date.now();
    expect(await sweep()).toMatchObject({ claimed: 2, checked: 2, changed: 2 });

    const checks = await db()
      .select()
      .from(healthChecks)
      .where(inArray(healthChecks.connectorId, [ok.id, bad.id]));
    expect(checks.map((c) => [c.connectorId, c.status, c.reason, c.httpStatus]).sort()).toEqual(
      [
        [ok.id, "operational", "ok", 200],
        [bad.id, "auth_failed", "invalid_credentials", 401],
      ].sort(),
    );
    expect((await events(bad.id)).map((e) => [e.fromStatus, e.toStatus])).toEqual([["unknown", "auth_failed"]]);
    const r = await row(ok.id);
    expect(r).toMatchObject({
      status: "operational",
      lastReason: "ok",
      lastHttpStatus: 200,
      leaseUntil: null,
      leaseOwner: null,
      consecutiveFailures: 0,
    });
    // Interval with ±10% jitter.
    const next = r.nextCheckAt.getTime() - before;
    expect(next).toBeGreaterThan(INTERVAL * 0.9 - 5_000);
    expect(next).toBeLessThan(INTERVAL * 1.1 + 5_000);
    expect(await sweep()).toMatchObject({ claimed: 0, checked: 0 }); // nothing is due any more
  });

  it("changes status only after two agreeing failures, and recovers after one success", async () => {
    const [c] = await addFakeConnectors(db(), orgId, 1, () => ({ url: `${emu.origin}/flappy`, token: "t0ken-value" }));
    await sweep();
    behaviour.set("/flappy", 503);
    await makeDue(db(), [c.id]);
    expect(await sweep()).toMatchObject({ checked: 1, changed: 0 });
    expect(await row(c.id)).toMatchObject({
      status: "operational",
      pendingStatus: "unreachable",
      pendingCount: 1,
      lastReason: "http_5xx",
    });
    await makeDue(db(), [c.id]);
    expect(await sweep()).toMatchObject({ checked: 1, changed: 1 });
    expect(await row(c.id)).toMatchObject({ status: "unreachable", pendingStatus: null, consecutiveFailures: 2 });
    behaviour.delete("/flappy");
    await makeDue(db(), [c.id]);
    expect(await sweep()).toMatchObject({ checked: 1, changed: 1 });
    expect((await events(c.id)).map((e) => `${e.fromStatus}>${e.toStatus}`)).toEqual([
      "unknown>operational",
      "operational>unreachable",
      "unreachable>operational",
    ]);
    expect(await db().select().from(healthChecks).where(eq(healthChecks.connectorId, c.id))).toHaveLength(4);
  });

  it("a 429 keeps the status, is recorded as throttled and waits for Retry-After", async () => {
    const [c] = await addFakeConnectors(db(), orgId, 1, () => ({ url: `${emu.origin}/busy`, token: "t0ken-value" }));
    await sweep();
    behaviour.set("/busy", 429);
    await makeDue(db(), [c.id]);
    const before = Date.now();
    expect(await sweep()).toMatchObject({ checked: 1, changed: 0 });
    const r = await row(c.id);
    expect(r).toMatchObject({
      status: "operational",
      lastReason: "throttled",
      lastHttpStatus: 429,
      pendingCount: 0,
      consecutiveFailures: 0,
    });
    expect(r.nextCheckAt.getTime() - before).toBeGreaterThanOrEqual(3_600_000 - 5_000);
    const [last] = await db()
      .select()
      .from(healthChecks)
      .where(eq(healthChecks.connectorId, c.id))
      .orderBy(asc(healthChecks.id))
      .offset(1);
    expect(last).toMatchObject({ throttled: true, reason: "throttled", httpStatus: 429 });
  });

  it("backs off a long-dead connector", async () => {
    const [c] = await addFakeConnectors(db(), orgId, 1, () => ({ url: `${emu.origin}/dead`, token: "t0ken-value" }));
    behaviour.set("/dead", 503);
    await db().update(connectors).set({ status: "unreachable", consecutiveFailures: 5 }).where(eq(connectors.id, c.id));
    const before = Date.now();
    await sweep();
    // 6 consecutive failures, threshold 2: interval x 2^4 = 80 min, capped at one hour (±10%).
    expect((await row(c.id)).nextCheckAt.getTime() - before).toBeGreaterThan(3_600_000 * 0.9 - 5_000);
  });

  it("stores rotated credentials re-encrypted", async () => {
    const rotating = scripted(() => ({
      status: "operational",
      reason: "ok",
      httpStatus: 200,
      rotatedCredentials: { token: "rotated-token-2" },
    }));
    const [c] = await addFakeConnectors(db(), orgId, 1, () => ({
      url: "https://vendor.example/",
      token: "original-token",
    }));
    await runHealthSweep(db(), sweepWith(rotating));
    const r = await row(c.id);
    expect(r.credentials).not.toContain("rotated-token-2");
    expect(decryptCredentials(c.id, r.credentials)).toEqual({
      url: "https://vendor.example/",
      token: "rotated-token-2",
    });
  });

  it("Check now records through the same path, without waiting for a second failure", async () => {
    const [c] = await addFakeConnectors(db(), orgId, 1, () => ({ url: `${emu.origin}/now`, token: "t0ken-value" }));
    await sweep();
    behaviour.set("/now", 401);
    const res = await checkConnector(db(), { orgId, connectorId: c.id }, { mode: "now", config: sweepWith(system) });
    expect(res).toMatchObject({ status: "auth_failed", changed: true, result: { reason: "invalid_credentials" } });
    expect(await row(c.id)).toMatchObject({ status: "auth_failed", leaseUntil: null });
    expect(await db().select().from(healthChecks).where(eq(healthChecks.connectorId, c.id))).toHaveLength(2);
    const other = await createOrganisation(db());
    await expect(
      checkConnector(db(), { orgId: other.orgId, connectorId: c.id }, { mode: "now", config: sweepWith(system) }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("skips a connector whose system is unknown and tries it again one interval later", async () => {
    const [c] = await addFakeConnectors(db(), orgId, 1, () => ({ url: `${emu.origin}/x`, token: "t0ken-value" }));
    const logs = captureLogs("error");
    const report = await runHealthSweep(db(), { ...sweepWith(system), resolveSystem: () => undefined });
    logs.restore();
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ msg: "health-sweep connector", connectorId: c.id }),
    );
    expect(report).toMatchObject({ claimed: 1, checked: 0 });
    const r = await row(c.id);
    expect(r).toMatchObject({ status: "unknown", leaseUntil: null });
    expect(r.nextCheckAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
  });

  it("stops claiming before the time budget ends and leaves the rest due and unleased", async () => {
    const slowOrg = (await createOrganisation(db())).orgId;
    const slowEmu = await startEmulator((_req, res) => void setTimeout(() => json(res, 200, {}), 300));
    try {
      const rows = await addFakeConnectors(db(), slowOrg, 12, (i) => ({
        url: `${slowEmu.origin}/s${i}`,
        token: "t0ken-value",
      }));
      // Budget 1.6 s: checks time out at 0.8 s at most, so claiming stops at ~0.64 s; 2 at a time x 300 ms fits ~6.
      const report = await runHealthSweep(
        db(),
        sweepWith(system, { timeBudgetMs: 1_600, concurrency: 2, claimBatch: 2 }),
      );
      expect(report.durationMs).toBeLessThan(1_600);
      expect(report.checked).toBeGreaterThan(0);
      expect(report.checked).toBeLessThan(12);
      expect(report.claimed).toBeLessThan(12); // claimed includes the next batch fetched ahead, given back unstarted
      const left = await db()
        .select()
        .from(connectors)
        .where(and(eq(connectors.orgId, slowOrg), eq(connectors.status, "unknown")));
      expect(left).toHaveLength(12 - report.checked);
      for (const r of left) expect(r.leaseUntil).toBeNull();
      expect((await runHealthSweep(db(), sweepWith(system, { concurrency: 12 }))).checked).toBe(12 - report.checked);
      expect(rows).toHaveLength(12);
    } finally {
      await slowEmu.close();
    }
  });
});
