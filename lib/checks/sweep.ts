import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { claimDueConnectors, releaseLeases } from "@/db/queries/health";
import { foldConnectorCounts } from "@/db/queries/connector-counts";
import { rollupHealthHours } from "@/db/queries/health-hourly";
import { deleteOldHealthChecks, pruneSignInFailures, rollupHealthDays } from "@/db/queries/health-retention";
import { deleteExpiredPendingSignUps } from "@/db/queries/pending-sign-ups";
import { recordJobFinished, SWEEP_JOB } from "@/db/queries/readiness";
import { env } from "@/lib/env";
import { describeError, log, logError, withRun } from "@/lib/log";
import { createSharedAgents } from "@/lib/health/guarded-agent";
import { countSweep } from "@/lib/metrics/record";
import { enqueueDueReminders } from "@/lib/notifications/enqueue";
import { runPool } from "./bounded-pool";
import { checkConnector } from "./check-connector";
import { type PreparedCheck, prepareCheck } from "./prepare";
import { type CheckConfig, readCheckConfig } from "./config";
import { ResultBatcher } from "./result-batcher";

export interface SweepOptions extends Partial<CheckConfig> {
  concurrency?: number;
  perHost?: number;
  /** Whole-run budget; claiming stops early enough that checks already started finish inside it. */
  timeBudgetMs?: number;
  /** How long a claim holds a connector; the default outlasts the run, so only a crashed run's leases ever expire. */
  leaseMs?: number;
  /** Connectors claimed per statement (default: the concurrency, at least 50). */
  claimBatch?: number;
  /** Per-host key override (the benchmark spreads its one fake vendor over many keys). */
  hostKeyOf?: (p: PreparedCheck) => string;
  /** Roll-up and pruning; on by default. */
  retention?: boolean;
  /** The first `concurrency` checks start spread over this long, not all at once (default RAMP_MS). */
  rampMs?: number;
  /** "Still down" reminders (at most one a day per connector); on by default. */
  reminders?: boolean;
}

/** 100 ms: at concurrency 200 a check starts every half millisecond until all slots are busy. */
const RAMP_MS = 100;

export interface SweepReport {
  claimed: number;
  checked: number;
  changed: number;
  durationMs: number;
}

/** The database failed during a sweep. Carries what was recorded before it did; the message has no query payload. */
export class HealthSweepError extends Error {
  readonly code = "UPSTREAM";
  constructor(
    readonly report: SweepReport,
    cause: unknown,
  ) {
    super(`Health sweep stopped, the database failed: ${describeError(cause)}`, { cause });
    this.name = "HealthSweepError";
  }
}

/**
 * One sweep: claim due connectors in leased batches, check them with bounded concurrency and a per-host cap,
 * record results in batched transactions, give back what was claimed but not started, then do bounded retention and
 * queue due "still down" reminders (delivery itself is the outbox's job, after the sweep).
 * `checked` counts results committed to the database, nothing else.
 */
export async function runHealthSweep(db: Db, options: SweepOptions = {}): Promise<SweepReport> {
  return withRun("health-sweep", {}, () => sweepAndSummarise(db, options));
}

async function sweepAndSummarise(db: Db, options: SweepOptions): Promise<SweepReport> {
  const started = performance.now();
  const settings = readCheckConfig(options);
  const budgetMs = options.timeBudgetMs ?? env.HEALTHCHECK_TIME_BUDGET * 1000;
  // A check may never outlast the budget it started in: with a short budget the per-check timeout shrinks to half.
  settings.timeoutMs = Math.min(settings.timeoutMs, Math.floor(budgetMs / 2));
  const reserveMs = Math.min(2000, budgetMs / 10); // time to record the last results
  const claimUntil = started + budgetMs - settings.timeoutMs - reserveMs;
  const concurrency = options.concurrency ?? env.HEALTHCHECK_CONCURRENCY;
  // Connection pools shared by this sweep's checks (a caller-supplied dispatcher, in tests, replaces them).
  const agents = options.dispatcher ? undefined : createSharedAgents(settings.timeoutMs);
  settings.sharedAgents = agents;
  try {
    const report = await sweepWith(db, options, settings, { started, budgetMs, reserveMs, claimUntil, concurrency });
    countSweep(report);
    return report;
  } finally {
    await agents?.close();
  }
}

async function sweepWith(
  db: Db,
  options: SweepOptions,
  settings: CheckConfig,
  {
    started,
    budgetMs,
    reserveMs,
    claimUntil,
    concurrency,
  }: { started: number; budgetMs: number; reserveMs: number; claimUntil: number; concurrency: number },
): Promise<SweepReport> {
  const owner = randomUUID();
  const tally = { byStatus: {} as Record<string, number>, throttled: 0, errors: 0 };
  const batcher = new ResultBatcher(db, { owner, threshold: settings.threshold, intervalMs: settings.intervalMs });
  const report = (): SweepReport => ({
    claimed,
    checked: batcher.recorded,
    changed: batcher.changed,
    durationMs: Math.round(performance.now() - started),
  });
  let claimed = 0;

  const fetch = async (n: number) => {
    const rows = await claimDueConnectors(db, { owner, limit: n, leaseMs: options.leaseMs ?? budgetMs + 60_000 });
    claimed += rows.length;
    const items: PreparedCheck[] = [];
    const broken: string[] = [];
    for (const row of rows) {
      try {
        items.push(prepareCheck(row, settings));
      } catch (err) {
        // Not a health state (a system no longer in the catalogue, an envelope no key opens): log, retry next interval.
        tally.errors++;
        logError("health-sweep connector", err, { connectorId: row.id, orgId: row.orgId });
        broken.push(row.id);
      }
    }
    await releaseLeases(db, { owner, ids: broken, delayMs: settings.intervalMs });
    return { items, more: rows.length === n };
  };

  const work = async (p: PreparedCheck) => {
    try {
      const { result } = await checkConnector(db, p, { mode: "sweep", config: settings, batch: batcher });
      tally.byStatus[result.status] = (tally.byStatus[result.status] ?? 0) + 1;
      if (result.throttled) tally.throttled++;
    } catch (err) {
      // The engine resolves every network outcome; a throw here means stored credentials break the field rules.
      tally.errors++;
      logError("health-sweep connector", err, { connectorId: p.connector.id, orgId: p.connector.orgId });
      const release = { owner, ids: [p.connector.id], delayMs: settings.intervalMs };
      await releaseLeases(db, release).catch((e: unknown) => {
        batcher.error ??= e;
      });
    }
  };

  const pool = await runPool({
    concurrency,
    perKey: options.perHost ?? env.HEALTHCHECK_PER_HOST,
    keyOf: options.hostKeyOf ?? ((p) => p.hostKey),
    fetch,
    batchSize: options.claimBatch ?? Math.max(concurrency, 50),
    canStart: () => batcher.error === undefined && performance.now() < claimUntil,
    rampMs: options.rampMs ?? RAMP_MS,
    work,
  });
  await batcher.flush();
  // One summary line per run, whatever happens next (a database failure below is logged by the caller too).
  const summary = (failed: boolean) =>
    log[failed ? "warn" : "info"](
      { ...report(), ...tally, errors: tally.errors + Number(failed) },
      "health sweep finished",
    );
  const failure = pool.fetchError ?? batcher.error;
  if (failure !== undefined) {
    summary(true);
    throw new HealthSweepError(report(), failure);
  }
  try {
    // Unstarted work goes back at once (still due) rather than waiting out the lease.
    await releaseLeases(db, { owner, ids: pool.unstarted.map((p) => p.connector.id) });
    if (options.retention !== false && performance.now() < started + budgetMs - reserveMs) {
      await rollupHealthDays(db);
      // Every connector's hours once an hour: batch after batch while the run has time (a batch is bounded).
      while ((await rollupHealthHours(db)).more && performance.now() < started + budgetMs - reserveMs);
      await deleteOldHealthChecks(db);
      await pruneSignInFailures(db);
      await foldConnectorCounts(db);
      await deleteExpiredPendingSignUps(db);
    }
    if (options.reminders !== false && performance.now() < started + budgetMs - reserveMs)
      await enqueueDueReminders(db);
    await recordJobFinished(db, SWEEP_JOB); // readiness reads it: the shared "last sweep finished" time
  } catch (err) {
    summary(true);
    throw new HealthSweepError(report(), err);
  }
  summary(false);
  return report();
}
