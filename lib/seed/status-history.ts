import type { ConnectorStatus } from "@/db/schema";
import { REASONS } from "@/lib/health/reasons";
import type { DemoPeriod } from "./demo-data";
import { mulberry32 } from "./sync-history";

const HOUR = 3_600_000;
/** The demo history's cadence: hourly (the latency chart's resolution), not the real 5 minutes: a small, fast seed. */
const STEP_MS = 60 * 60_000;

type Check = {
  checkedAt: Date;
  status: ConnectorStatus;
  reason: string;
  latencyMs: number;
  httpStatus: number | null;
};
type Event = { at: Date; fromStatus: ConnectorStatus; toStatus: ConnectorStatus; reason: string; message: string };

/**
 * A sandbox connector's last 30 days of checks, the confirmed changes between its periods, and the state they leave
 * it in (what the sweep would have written), ending one step before now. Deterministic per connector.
 */
export function generateStatusHistory(periods: DemoPeriod[], { now, seed }: { now: Date; seed: number }) {
  const rand = mulberry32(seed);
  const end = now.getTime() - 5 * 60_000;
  const checks: Check[] = [];
  const events: Event[] = [];
  let current: DemoPeriod | undefined;
  let since: Date | null = null;
  let failures = 0;
  for (let t = end - periods[0].hoursAgo * HOUR; t <= end; t += STEP_MS) {
    const period = periods.findLast((p) => end - p.hoursAgo * HOUR <= t) ?? periods[0];
    const checkedAt = new Date(t);
    if (period !== current) {
      events.push({
        at: checkedAt,
        fromStatus: current?.status ?? "unknown",
        toStatus: period.status,
        reason: period.reason,
        message: REASONS[period.reason].message,
      });
      current = period;
      since = checkedAt;
    }
    failures = period.status === "operational" ? 0 : failures + 1;
    const latencyMs = Math.round(period.status === "operational" ? 90 + rand() * 160 : 20 + rand() * 40);
    checks.push({ checkedAt, status: period.status, reason: period.reason, latencyMs, httpStatus: period.httpStatus });
  }
  const last = checks.at(-1);
  if (!last || !current) throw new Error("A demo history needs at least one period before now.");
  const { message, hint } = REASONS[current.reason];
  return {
    checks,
    events,
    state: {
      status: last.status,
      statusSince: since,
      lastCheckedAt: last.checkedAt,
      lastReason: last.reason,
      lastMessage: message,
      lastHint: hint,
      lastLatencyMs: last.latencyMs,
      lastHttpStatus: last.httpStatus,
      consecutiveFailures: failures,
      // Due at once: the first sweep checks it against the sandbox now.
      nextCheckAt: now,
    },
  };
}
