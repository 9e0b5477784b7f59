import { inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { signInAttempts } from "@/db/schema";
import { executeRows } from "./execute";

/**
 * Rolls raw health checks of whole UTC days older than 30 days into health_daily and deletes them, in one statement
 * (nothing is deleted without its roll-up). Bounded per run: at most `sampleRows` old rows are looked at to pick at
 * most `maxDays` (connector, day) pairs, so a backlog drains over several runs instead of stalling one.
 */
export async function rollupOldHealthChecks(
  db: Db,
  { maxDays = 200, sampleRows = 20_000 }: { maxDays?: number; sampleRows?: number } = {},
) {
  const rows = await executeRows<{ rows: number; days: number }>(
    db,
    sql`
    WITH cutoff AS (SELECT (date_trunc('day', now() AT TIME ZONE 'UTC') - interval '30 days') AT TIME ZONE 'UTC' AS t),
    sample AS (SELECT h.connector_id, h.checked_at FROM health_checks h, cutoff WHERE h.checked_at < cutoff.t LIMIT ${sampleRows}),
    pairs AS (SELECT DISTINCT connector_id, (checked_at AT TIME ZONE 'UTC')::date AS day FROM sample LIMIT ${maxDays}),
    gone AS (
      DELETE FROM health_checks h USING pairs p
      WHERE h.connector_id = p.connector_id
        AND h.checked_at >= p.day::timestamp AT TIME ZONE 'UTC'
        AND h.checked_at < (p.day + 1)::timestamp AT TIME ZONE 'UTC'
      RETURNING h.connector_id, p.day, h.status, h.latency_ms),
    rolled AS (
      INSERT INTO health_daily AS d (connector_id, day, checks, failures, latency_p50, latency_p95)
      SELECT connector_id, day, count(*), count(*) FILTER (WHERE status <> 'operational'),
        percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms), percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)
      FROM gone GROUP BY connector_id, day
      -- Only a straggler row for an already rolled-up day lands here: counts add up exactly, percentiles are approximated.
      ON CONFLICT (connector_id, day) DO UPDATE SET
        checks = d.checks + excluded.checks,
        failures = d.failures + excluded.failures,
        latency_p50 = (d.latency_p50 * d.checks + excluded.latency_p50 * excluded.checks) / (d.checks + excluded.checks),
        latency_p95 = greatest(d.latency_p95, excluded.latency_p95)
      RETURNING 1)
    SELECT (SELECT count(*) FROM gone)::int AS rows, (SELECT count(*) FROM rolled)::int AS days`,
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
