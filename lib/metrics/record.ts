import type { CheckResult } from "@/lib/health/contract";
import { metrics } from "./registry";

/** The increments the code paths call: one line each where the event happens. */

export function countCheck(systemId: string, result: Pick<CheckResult, "status" | "reason">, seconds: number): void {
  const m = metrics();
  m.checks.inc({ outcome: result.status, reason: result.reason });
  m.checkDuration.observe({ system: systemId }, seconds);
}

export function countSweep(report: { claimed: number; durationMs: number }): void {
  const m = metrics();
  m.sweepDuration.observe(report.durationMs / 1000);
  m.sweepClaimed.inc(report.claimed);
  m.sweepLastClaimed.set(report.claimed);
}

export function countDeliveryFailure(channel: string, final: boolean): void {
  metrics().deliveryFailures.inc({ channel, final: String(final) });
}

export function countSyncRunsIngested(result: { inserted: number; updated: number; unchanged: number }): void {
  const c = metrics().syncRunsIngested;
  for (const key of ["inserted", "updated", "unchanged"] as const)
    if (result[key] > 0) c.inc({ result: key }, result[key]);
}

export function countSignInThrottled(limit: "pair" | "account" | "address"): void {
  metrics().signInThrottled.inc({ limit });
}
