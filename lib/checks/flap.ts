import type { ConnectorStatus } from "@/db/schema/connectors";
import type { CheckStatus } from "@/lib/health/contract";

/**
 * Flap control and scheduling, as pure functions: the sweep and "Check now" feed them the stored state and a
 * result and write back what they return. No clock, no database, so every rule is unit-tested directly.
 */
export interface HealthState {
  status: ConnectorStatus;
  /** A status that disagrees with `status`, and how many consecutive results agreed on it. */
  pendingStatus: ConnectorStatus | null;
  pendingCount: number;
  consecutiveFailures: number;
}

export interface Observation {
  status: CheckStatus;
  /** 429: the vendor was reached but said nothing about health. */
  throttled?: boolean;
  retryAfterMs?: number;
}

export interface FlapPolicy {
  /** HEALTHCHECK_FAILURE_THRESHOLD: consecutive agreeing results needed to leave a known status. */
  threshold: number;
  intervalMs: number;
  /** Skip the threshold (an explicit user check: they are looking at the answer right now). */
  immediate?: boolean;
}

export interface Transition extends HealthState {
  changed: boolean;
  previousStatus: ConnectorStatus;
  nextCheckInMs: number;
}

export const MAX_BACKOFF_MS = 60 * 60 * 1000;
const JITTER = 0.1;

/** ±10% so thousands of connectors created together do not stay in lockstep against one vendor. */
export function withJitter(ms: number, random: () => number = Math.random): number {
  return Math.round(ms * (1 - JITTER + 2 * JITTER * random()));
}

/**
 * Delay before the next check. Up to the threshold a failing connector is re-checked at the normal interval (that is
 * what confirms or clears a change quickly); after that each further failure doubles the delay, up to one hour
 * (or the interval, if that is longer), so dead connectors stop costing a request every few minutes.
 */
export function backoffMs(consecutiveFailures: number, policy: Pick<FlapPolicy, "threshold" | "intervalMs">): number {
  const cap = Math.max(policy.intervalMs, MAX_BACKOFF_MS);
  const extra = consecutiveFailures - policy.threshold;
  if (extra <= 0) return policy.intervalMs;
  return Math.min(cap, policy.intervalMs * 2 ** Math.min(extra, 20));
}

export function applyObservation(
  state: HealthState,
  obs: Observation,
  policy: FlapPolicy,
  random: () => number = Math.random,
): Transition {
  const previousStatus = state.status;
  if (obs.throttled) {
    // Reached but rate-limited: no evidence either way, so the state stays; wait at least as long as the vendor asked.
    const wait = Math.max(withJitter(backoffMs(state.consecutiveFailures, policy), random), obs.retryAfterMs ?? 0);
    return { ...state, changed: false, previousStatus, nextCheckInMs: wait };
  }
  const next = decide(state, obs.status, policy);
  const nextCheckInMs = withJitter(backoffMs(next.consecutiveFailures, policy), random);
  return { ...next, changed: next.status !== previousStatus, previousStatus, nextCheckInMs };
}

function decide(state: HealthState, observed: Observation["status"], policy: FlapPolicy): HealthState {
  const cleared = { pendingStatus: null, pendingCount: 0 };
  // Recovery is trusted at once: one success proves the details work.
  if (observed === "operational") return { status: "operational", ...cleared, consecutiveFailures: 0 };
  const consecutiveFailures = state.consecutiveFailures + 1;
  // A never-checked connector has no status to protect from a blip, and an explicit check shows what it saw.
  if (policy.immediate || state.status === "unknown" || state.status === observed)
    return { status: observed, ...cleared, consecutiveFailures };
  const pendingCount = state.pendingStatus === observed ? state.pendingCount + 1 : 1;
  // Failures that disagree on the kind (timeout, then 401) still mean "not operational": N failures in a row of any
  // kind move an operational connector to the latest failure, so it can never stay green while failing.
  const confirmed =
    pendingCount >= policy.threshold || (state.status === "operational" && consecutiveFailures >= policy.threshold);
  if (confirmed) return { status: observed, ...cleared, consecutiveFailures };
  return { status: state.status, pendingStatus: observed, pendingCount, consecutiveFailures };
}
