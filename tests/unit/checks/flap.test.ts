import { applyObservation, backoffMs, type HealthState, MAX_BACKOFF_MS, withJitter } from "@/lib/checks/flap";

const policy = { threshold: 2, intervalMs: 300_000 };
const mid = () => 0.5; // no jitter
const state = (over: Partial<HealthState> = {}): HealthState => ({
  status: "operational",
  pendingStatus: null,
  pendingCount: 0,
  consecutiveFailures: 0,
  ...over,
});

describe("flap control", () => {
  it("takes the first result of a never-checked connector at once", () => {
    const t = applyObservation(state({ status: "unknown" }), { status: "auth_failed" }, policy, mid);
    expect(t).toMatchObject({
      status: "auth_failed",
      changed: true,
      previousStatus: "unknown",
      consecutiveFailures: 1,
    });
  });

  it("needs `threshold` agreeing failures to leave operational", () => {
    const first = applyObservation(state(), { status: "unreachable" }, policy, mid);
    expect(first).toMatchObject({
      status: "operational",
      changed: false,
      pendingStatus: "unreachable",
      pendingCount: 1,
      consecutiveFailures: 1,
    });
    const second = applyObservation(first, { status: "unreachable" }, policy, mid);
    expect(second).toMatchObject({
      status: "unreachable",
      changed: true,
      pendingStatus: null,
      pendingCount: 0,
      consecutiveFailures: 2,
    });
  });

  it("honours a higher threshold", () => {
    let s: HealthState = state();
    for (let i = 0; i < 2; i++) s = applyObservation(s, { status: "auth_failed" }, { ...policy, threshold: 3 }, mid);
    expect(s.status).toBe("operational");
    expect(applyObservation(s, { status: "auth_failed" }, { ...policy, threshold: 3 }, mid)).toMatchObject({
      status: "auth_failed",
      changed: true,
    });
  });

  it("recovers to operational after one success and clears the pending state", () => {
    const failing = state({ status: "unreachable", consecutiveFailures: 7 });
    expect(applyObservation(failing, { status: "operational" }, policy, mid)).toMatchObject({
      status: "operational",
      changed: true,
      consecutiveFailures: 0,
      pendingCount: 0,
    });
    const pending = state({ pendingStatus: "unreachable", pendingCount: 1, consecutiveFailures: 1 });
    expect(applyObservation(pending, { status: "operational" }, policy, mid)).toMatchObject({
      status: "operational",
      changed: false,
      pendingStatus: null,
      pendingCount: 0,
    });
  });

  it("moves between failure kinds only after agreeing results", () => {
    const down = state({ status: "unreachable", consecutiveFailures: 3 });
    const once = applyObservation(down, { status: "auth_failed" }, policy, mid);
    expect(once).toMatchObject({ status: "unreachable", pendingStatus: "auth_failed", pendingCount: 1 });
    expect(applyObservation(once, { status: "auth_failed" }, policy, mid)).toMatchObject({
      status: "auth_failed",
      changed: true,
    });
  });

  it("never stays operational through `threshold` failures of mixed kinds", () => {
    const once = applyObservation(state(), { status: "unreachable" }, policy, mid);
    expect(applyObservation(once, { status: "auth_failed" }, policy, mid)).toMatchObject({
      status: "auth_failed",
      changed: true,
    });
  });

  it("an immediate (user) check skips the threshold", () => {
    expect(applyObservation(state(), { status: "auth_failed" }, { ...policy, immediate: true }, mid)).toMatchObject({
      status: "auth_failed",
      changed: true,
    });
  });
});

describe("429 handling", () => {
  it("keeps status and counters, and waits at least Retry-After", () => {
    const s = state({ status: "auth_failed", pendingStatus: "operational", pendingCount: 0, consecutiveFailures: 2 });
    const t = applyObservation(
      s,
      { status: "operational", throttled: true, retryAfterMs: 3_600_000 },
      { ...policy, immediate: true },
      mid,
    );
    expect(t).toMatchObject({
      status: "auth_failed",
      changed: false,
      consecutiveFailures: 2,
      nextCheckInMs: 3_600_000,
    });
  });

  it("waits the interval when Retry-After is shorter or missing", () => {
    expect(
      applyObservation(state(), { status: "operational", throttled: true, retryAfterMs: 1000 }, policy, mid)
        .nextCheckInMs,
    ).toBe(300_000);
    expect(applyObservation(state(), { status: "operational", throttled: true }, policy, mid).nextCheckInMs).toBe(
      300_000,
    );
  });
});

describe("scheduling", () => {
  it("re-checks at the interval up to the threshold, then doubles per failure up to an hour", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 30].map((f) => backoffMs(f, policy))).toEqual([
      300_000,
      300_000,
      300_000,
      600_000,
      1_200_000,
      2_400_000,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
    ]);
  });

  it("never backs off below an interval longer than an hour", () => {
    expect(backoffMs(10, { threshold: 2, intervalMs: 2 * MAX_BACKOFF_MS })).toBe(2 * MAX_BACKOFF_MS);
  });

  it("jitters by at most ±10%", () => {
    expect(withJitter(1000, () => 0)).toBe(900);
    expect(withJitter(1000, () => 0.999999)).toBe(1100);
    for (let i = 0; i < 100; i++) expect(Math.abs(withJitter(300_000) - 300_000)).toBeLessThanOrEqual(30_000);
  });

  it("schedules a long-dead connector further out", () => {
    const dead = state({ status: "unreachable", consecutiveFailures: 9 });
    expect(applyObservation(dead, { status: "unreachable" }, policy, mid).nextCheckInMs).toBe(MAX_BACKOFF_MS);
  });
});
