import { inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { signInAttempts } from "@/db/schema";
import { executeRows } from "./execute";
import { at } from "./sql-time";

const DAY_MS = 86_400_000;
/** Raw checks are kept for the 30 UTC days before today's: from this instant on, every raw check is still there. */
const RAW_CHECK_DAYS = 30;
/** A day is rolled up once it has been over for this long: later than any check of it could still be recorded. */
const ROLL_AFTER_MS = 15 * 60_000;

/** Midnight UTC of the day `d` falls in. */
export const utcMidnight = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);
/** The oldest instant raw checks are kept from at `now`: checks before it are deleted (once rolled up). */
export const rawChecksKeptFrom = (now: Date) => new Date(utcMidnight(now).getTime() - RAW_CHECK_DAYS * DAY_MS);
/** A UTC day as health_daily keys it (yyyy-mm-dd). */
export const utcDayText = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Rolls each finished UTC day of health checks into health_daily, per connector, the day after (once it has been
 * over for 15 minutes): checks and failures (throttled checks and those inside a pause or maintenance window left out,
 * as uptime leaves them out), p50 and p95 latency. `connectors.health_rolled_through` marks the last day rolled, so
 * uptime reads the roll-ups up to it and raw checks after it. Windows cannot be added or removed for the past (a pause
 * starts now, maintenance that has begun is not deleted), so a rolled day stays exact. Raw checks are kept 30 days
 * either way (the latency chart reads them).
 * Bounded per run: `maxConnectors` connectors (their days since the last roll-up, at most 30 days of checks each),
 * claimed with SKIP LOCKED so that two app instances never roll the same connector.
 */
export async function rollupHealthDays(
  db: Db,
  { now = new Date(), maxConnectors = 200 }: { now?: Date; maxConnectors?: number } = {},
) {
  const through = utcDayText(new Date(utcMidnight(new Date(now.getTime() - ROLL_AFTER_MS)).getTime() - DAY_MS));
  const rows = await executeRows<{ connectors: number; days: number }>(
    db,
    sql`
    WITH due AS (
      SELECT c.id, coalesce((c.health_rolled_through + 1)::timestamp AT TIME ZONE 'UTC', '-infinity') AS from_at
      FROM connectors c
      WHERE c.health_rolled_through IS NULL OR c.health_rolled_through < ${through}::date
      LIMIT ${maxConnectors}
      FOR UPDATE SKIP LOCKED),
    windows AS (
      SELECT due.id, range_agg(tstzrange(mw.starts_at, mw.ends_at)) AS ranges
      FROM due JOIN maintenance_windows mw ON mw.connector_id = due.id
      GROUP BY due.id),
    rolled AS (
      INSERT INTO health_daily AS d (connector_id, day, checks, failures, latency_p50, latency_p95)
      SELECT hc.connector_id, (hc.checked_at AT TIME ZONE 'UTC')::date, count(*),
        count(*) FILTER (WHERE hc.status <> 'operational'),
        percentile_cont(0.5) WITHIN GROUP (ORDER BY hc.latency_ms), percentile_cont(0.95) WITHIN GROUP (ORDER BY hc.latency_ms)
      FROM due
      JOIN health_checks hc ON hc.connector_id = due.id AND hc.checked_at >= due.from_at
        AND hc.checked_at < (${through}::date + 1)::timestamp AT TIME ZONE 'UTC'
      LEFT JOIN windows w ON w.id = due.id
      WHERE NOT hc.throttled AND NOT coalesce(w.ranges @> hc.checked_at, false)
      GROUP BY 1, 2
      -- Only days rolled before this column existed (raw checks older than 30 days, rolled whole) can be here already:
      -- counts add up exactly, percentiles are approximated.
      ON CONFLICT (connector_id, day) DO UPDATE SET
        checks = d.checks + excluded.checks,
        failures = d.failures + excluded.failures,
        latency_p50 = (d.latency_p50 * d.checks + excluded.latency_p50 * excluded.checks) / (d.checks + excluded.checks),
        latency_p95 = greatest(d.latency_p95, excluded.latency_p95)
      RETURNING 1),
    marked AS (UPDATE connectors c SET health_rolled_through = ${through}::date FROM due WHERE c.id = due.id RETURNING 1)
    SELECT (SELECT count(*) FROM marked)::int AS connectors, (SELECT count(*) FROM rolled)::int AS days`,
  );
  return rows[0];
}

/**
 * Deletes raw checks older than the 30 days kept, once their day is rolled up (a connector whose roll-up is behind
 * keeps them until it is). Bounded per run: at most `maxRows`, so a backlog drains over several runs.
 */
export async function deleteOldHealthChecks(
  db: Db,
  { now = new Date(), maxRows = 50_000 }: { now?: Date; maxRows?: number } = {},
) {
  const rows = await executeRows<{ rows: number }>(
    db,
    sql`
    WITH old AS (
      SELECT h.id FROM health_checks h JOIN connectors c ON c.id = h.connector_id
      WHERE h.checked_at < ${at(rawChecksKeptFrom(now))}
        AND h.checked_at < (c.health_rolled_through + 1)::timestamp AT TIME ZONE 'UTC'
      LIMIT ${maxRows}),
    gone AS (DELETE FROM health_checks h USING old WHERE h.id = old.id RETURNING 1)
    SELECT count(*)::int AS rows FROM gone`,
  );
  return rows[0];
}

/** Sign-in throttling rows whose last attempt is over a day old no longer limit anyone. Bounded per run. */
export async function pruneSignInFailures(db: Db, { limit = 5000 }: { limit?: number } = {}) {
  const old = db
    .select({ key: signInAttempts.key })
    .from(signInAttempts)
    .where(lt(signInAttempts.lastAttemptAt, sql`now() - interval '1 day'`))
    .limit(limit);
  await db.delete(signInAttempts).where(inArray(signInAttempts.key, old));
}
