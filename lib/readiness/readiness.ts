import type { Db } from "@/db";
import { pingDatabase } from "@/db/queries/ping";
import {
  latestAppliedMigrationMillis,
  newestMigrationMillis,
  secondsSinceJobFinished,
  SWEEP_JOB,
} from "@/db/queries/readiness";
import { healthCronExpression } from "@/lib/checks/schedule";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";

export interface ReadinessChecks {
  /** The database answered `select 1` in time; "timeout" when it did not answer within the limit. */
  database: "ok" | "unavailable" | "timeout";
  /** Every migration this code ships is applied; "unknown" when the database could not be asked. */
  migrations: "ok" | "pending" | "unknown";
  /** The last sweep finished within twice HEALTHCHECK_INTERVAL; "off" when the in-process scheduler is disabled. */
  sweep: "ok" | "late" | "off" | "unknown";
}

export interface Readiness {
  ready: boolean;
  checks: ReadinessChecks;
}

/** The whole readiness answer, every database call included, comes within this long, even from a stuck pool. */
export const READINESS_TIMEOUT_MS = 2000;

const TIMEOUT = Symbol("timeout");

/** `work` or TIMEOUT at the deadline, whichever is first (the work itself is left to finish or fail on its own). */
function before<T>(deadline: number, work: () => Promise<T>): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), Math.max(0, deadline - performance.now()));
  });
  const done = work();
  done.catch(() => undefined); // an answer after the deadline is not an unhandled rejection
  return Promise.race([done, late]).finally(() => clearTimeout(timer));
}

/**
 * Is this instance ready for traffic: the database answers, its schema is current, and health checks are being run
 * (or this process does not schedule them). Reads only the database's shared state, so every instance agrees.
 */
export async function checkReadiness(
  getDb: () => Promise<Db>,
  options: { timeoutMs?: number; sweepScheduled?: boolean; intervalSeconds?: number } = {},
): Promise<Readiness> {
  const deadline = performance.now() + (options.timeoutMs ?? READINESS_TIMEOUT_MS);
  const checks: ReadinessChecks = { database: "unavailable", migrations: "unknown", sweep: "unknown" };
  const answer = () => ({
    ready: checks.database === "ok" && checks.migrations === "ok" && (checks.sweep === "ok" || checks.sweep === "off"),
    checks,
  });
  const scheduled = options.sweepScheduled ?? healthCronExpression() !== null;
  try {
    const db = await before(deadline, async () => {
      const opened = await getDb();
      await pingDatabase(opened);
      return opened;
    });
    if (db === TIMEOUT) {
      checks.database = "timeout";
      return answer();
    }
    checks.database = "ok";
    const applied = await before(deadline, () => latestAppliedMigrationMillis(db));
    if (applied === TIMEOUT) return answer();
    checks.migrations = applied !== null && applied >= newestMigrationMillis() ? "ok" : "pending";
    if (!scheduled) checks.sweep = "off";
    else if (checks.migrations === "ok") {
      const age = await before(deadline, () => secondsSinceJobFinished(db, SWEEP_JOB));
      if (age === TIMEOUT) return answer();
      const limit = 2 * (options.intervalSeconds ?? env.HEALTHCHECK_INTERVAL);
      checks.sweep = age !== null && age <= limit ? "ok" : "late";
    }
  } catch (error) {
    logError("readiness", error);
  }
  return answer();
}
