import type { SyncStatus } from "@/db/schema";
import type { DemoService } from "./demo-data";

type Run = {
  serviceId: string;
  externalId: string;
  startedAt: Date;
  finishedAt: Date | null;
  status: SyncStatus;
  pulledCount: number;
  pushedCount: number;
  errorMessage: string | null;
};

/** Deterministic pseudo-random numbers, so the demo history is the same on every machine. */
export function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;

/**
 * Incidents relative to now: an authentication failure on NetSuite, an outage at Peoplevox, and the sandbox
 * connectors' outages their status history shows (demo-data.ts).
 */
function incident(service: DemoService, at: number, now: number): string | null {
  const touches = (key: string) => service.from === key || service.to === key;
  const ago = (now - at) / HOUR;
  if (touches("netsuite") && ago > 142 && ago < 144.5)
    return "NetSuite rejected the request: INVALID_LOGIN_ATTEMPT (Invalid login attempt.)";
  if (touches("peoplevox") && ago > 46 && ago < 47.5)
    return "Peoplevox could not be reached: connect ETIMEDOUT wms.peoplevox.net:443";
  if (touches("sandbox") && ago > 25 && ago < 26)
    return "The sandbox could not be reached: HTTP 503 (The sandbox is down for maintenance.)";
  if (touches("sandboxWholesale") && ago < 3)
    return "The sandbox could not be reached: HTTP 503 (The sandbox is down for maintenance.)";
  return null;
}

const ITEM_ERRORS = [
  (n: number) => `Order #${100_000 + n}: SKU DR-${n % 900} does not exist in the destination`,
  (n: number) => `Order #${100_000 + n}: customer e-mail is missing`,
  (n: number) => `Item ${n % 5000}: quantity must be a whole number, got "2.5"`,
  (n: number) => `Destination answered 422: duplicate external reference SO-${n}`,
];

export function generateSyncRuns(
  list: (DemoService & { id: string; index: number })[],
  { now, days }: { now: Date; days: number },
): Run[] {
  const runs: Run[] = [];
  const end = now.getTime();
  for (const service of list) {
    if (service.active === false) continue;
    const rand = mulberry32(1000 + service.index);
    const step = service.everyMinutes * 60_000;
    for (let t = end - days * 24 * HOUR + rand() * step; t < end - 60_000; t += step) {
      const pulled = Math.max(0, Math.round(service.avgItems * (0.4 + rand() * 1.2)));
      const outage = incident(service, t, end);
      const failed = outage !== null || rand() < 0.025;
      const recent = end - t < 2 * HOUR;
      let status: SyncStatus = failed ? "failed" : "ok";
      if (!failed && recent && service.to === "sftp") status = "sent";
      if (!failed && recent && rand() < 0.15) status = "pending";
      const n = Math.floor(rand() * 1e6);
      runs.push({
        serviceId: service.id,
        externalId: `demo-${service.index}-${Math.floor(t / 1000)}`,
        startedAt: new Date(t),
        finishedAt: status === "pending" ? null : new Date(t + 5_000 + rand() * 90_000),
        status,
        pulledCount: outage ? 0 : pulled,
        pushedCount: failed ? (outage ? 0 : Math.floor(pulled * rand())) : status === "pending" ? 0 : pulled,
        errorMessage: failed ? (outage ?? ITEM_ERRORS[n % ITEM_ERRORS.length](n)) : null,
      });
    }
  }
  return runs;
}
