import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { executeRows } from "./execute";
import { at, utcHourStart } from "./sql-time";

const HOUR_MS = 3_600_000;
/** Hourly figures are kept this long: the latency chart shows 7 days, plus a day's margin. */
const HOURLY_KEPT_MS = 8 * 24 * HOUR_MS;
/** An hour is rolled up once it has been over for this long: later than any check of it could still be recorded. */
const ROLL_AFTER_MS = 15 * 60_000;

/**
 * Rolls each finished UTC hour of health checks into health_hourly, per connector, once it has been over for 15
 * minutes: every check (the latency chart counts throttled and maintenance-time checks too), failures, the latency
 * sum and p95, exactly as the chart's own aggregates give them over the hour's raw checks. health_hours_rolled keeps,
 * per connector, the hours held: [rolled_from, rolled_through). A connector's first roll starts 8 days back; hours
 * older than that are deleted as it moves on. Bounded per run: `maxConnectors` connectors, claimed with SKIP LOCKED
 * (without blocking the sweep, which records checks against the same rows), so that two app instances never roll the
 * same connector. Returns how many connectors moved on, how many hours were written and how many old ones deleted, and
 * whether more may be due (the batch was full).
 */
export async function rollupHealthHours(
  db: Db,
  { now = new Date(), maxConnectors = 1000 }: { now?: Date; maxConnectors?: number } = {},
) {
  const through = utcHourStart(new Date(now.getTime() - ROLL_AFTER_MS));
  const keepFrom = new Date(utcHourStart(now).getTime() - HOURLY_KEPT_MS);
  const rows = await executeRows<{ connectors: number; hours: number; deleted: number }>(
    db,
    sql`
    WITH due AS (
      SELECT c.id, c.org_id, greatest(m.rolled_through, ${at(keepFrom)}) AS from_at
      FROM connectors c LEFT JOIN health_hours_rolled m ON m.connector_id = c.id
      WHERE m.rolled_through IS NULL OR m.rolled_through < ${at(through)}
      LIMIT ${maxConnectors}
      FOR NO KEY UPDATE OF c SKIP LOCKED),
    rolled AS (
      INSERT INTO health_hourly (connector_id, hour, org_id, checks, failures, latency_sum, latency_p95)
      SELECT due.id, date_bin('1 hour', hc.checked_at, timestamptz '2000-01-01 00:00:00+00'), due.org_id, count(*),
        count(*) FILTER (WHERE hc.status <> 'operational'), sum(hc.latency_ms),
        percentile_cont(0.95) WITHIN GROUP (ORDER BY hc.latency_ms)
      FROM due
      JOIN health_checks hc ON hc.connector_id = due.id AND hc.org_id = due.org_id
        AND hc.checked_at >= due.from_at AND hc.checked_at < ${at(through)}
      GROUP BY 1, 2, 3
      -- Two instances that claim the same connector in turn (the second read the mark before the first committed)
      -- compute the same hours: the second adds nothing.
      ON CONFLICT (connector_id, hour) DO NOTHING
      RETURNING 1),
    old AS (DELETE FROM health_hourly h USING due WHERE h.connector_id = due.id AND h.hour < ${at(keepFrom)} RETURNING 1),
    marked AS (
      INSERT INTO health_hours_rolled AS m (connector_id, rolled_from, rolled_through)
      SELECT due.id, ${at(keepFrom)}, ${at(through)} FROM due
      ON CONFLICT (connector_id) DO UPDATE SET
        rolled_from = greatest(m.rolled_from, excluded.rolled_from), rolled_through = greatest(m.rolled_through, excluded.rolled_through)
      RETURNING 1)
    SELECT (SELECT count(*) FROM marked)::int AS connectors, (SELECT count(*) FROM rolled)::int AS hours,
      (SELECT count(*) FROM old)::int AS deleted`,
  );
  const [row] = rows;
  // A full batch: more connectors may be due.
  return { ...row, more: row.connectors === maxConnectors };
}
