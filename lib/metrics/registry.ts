import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Patchbay's one Prometheus registry and its metrics. Process counters and histograms count what this instance did;
 * the gauges marked "shared" are read from the database at each scrape (lib/metrics/scrape.ts) and are the same on
 * every instance. Kept on globalThis: Next evaluates modules in several bundles of one server process.
 */
function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    // Shared: from the database, across every organisation.
    connectors: new Gauge({
      name: "patchbay_connectors",
      help: "Connectors by status, system and environment (shared: the same on every instance).",
      labelNames: ["status", "system", "environment"] as const,
      registers,
    }),
    connectorsDue: new Gauge({
      name: "patchbay_connectors_due",
      help: "Connectors whose next check is due (shared).",
      registers,
    }),
    sweepLag: new Gauge({
      name: "patchbay_sweep_lag_seconds",
      help: "Age of the oldest due connector's next check time; 0 when none is due (shared).",
      registers,
    }),
    outboxPending: new Gauge({
      name: "patchbay_outbox_pending",
      help: "Outbox rows waiting for delivery, by channel (shared).",
      labelNames: ["channel"] as const,
      registers,
    }),
    databaseUp: new Gauge({
      name: "patchbay_metrics_database_up",
      help: "1 when this scrape read the shared gauges from the database, 0 when it could not (they are then absent).",
      registers,
    }),
    // Per instance.
    checks: new Counter({
      name: "patchbay_checks_total",
      help: "Health checks run by this instance, by outcome (status) and reason.",
      labelNames: ["outcome", "reason"] as const,
      registers,
    }),
    checkDuration: new Histogram({
      name: "patchbay_check_duration_seconds",
      help: "Duration of one health check, by system.",
      labelNames: ["system"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    sweepDuration: new Histogram({
      name: "patchbay_sweep_duration_seconds",
      help: "Duration of a completed health sweep run by this instance.",
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 20, 30, 50, 60, 120, 300],
      registers,
    }),
    sweepClaimed: new Counter({
      name: "patchbay_sweep_claimed_total",
      help: "Connectors claimed by this instance's sweeps.",
      registers,
    }),
    sweepLastClaimed: new Gauge({
      name: "patchbay_sweep_last_claimed",
      help: "Connectors claimed by this instance's last completed sweep.",
      registers,
    }),
    deliveryFailures: new Counter({
      name: "patchbay_outbox_delivery_failures_total",
      help: "Failed outbox delivery attempts, by channel (final: the row will not be retried).",
      labelNames: ["channel", "final"] as const,
      registers,
    }),
    syncRunsIngested: new Counter({
      name: "patchbay_sync_runs_ingested_total",
      help: "Sync runs received through POST /api/v1/sync-runs and stored, by result.",
      labelNames: ["result"] as const,
      registers,
    }),
    signInThrottled: new Counter({
      name: "patchbay_sign_in_throttled_total",
      help: "Sign-in attempts refused by a throttling limit, by the limit met (pair, account, address).",
      labelNames: ["limit"] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const KEY = Symbol.for("patchbay.metrics");
type Holder = { [KEY]?: Metrics };

export function metrics(): Metrics {
  const holder = globalThis as Holder;
  holder[KEY] ??= createMetrics();
  return holder[KEY];
}
