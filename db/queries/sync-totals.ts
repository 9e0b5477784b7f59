import { type Placeholder, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db";
import type { SyncStatus } from "@/db/schema";
import { executeRows } from "./execute";
import { at } from "./sql-time";

export type SyncTotals = {
  total: number;
  ok: number;
  sent: number;
  pending: number;
  failed: number;
  pulled: number;
  pushed: number;
};
export type SyncTotalsPair = { day: SyncTotals; week: SyncTotals };

const HOUR = 3_600_000;
const zero = (): SyncTotals => ({ total: 0, ok: 0, sent: 0, pending: 0, failed: 0, pulled: 0, pushed: 0 });
/** Which totals a group of runs counts for. */
const WEEK = 1;
const BOTH = 2;
const DAY = 3;

const ts = (ms: number) => at(new Date(ms));

/** Sums come back as text from pg (bigint) and as numbers from PGlite; the bucket as a number or text. */
type Row = {
  connector_id: string;
  status: SyncStatus;
  bucket: number | string;
  n: number | string;
  pulled: number | string;
  pushed: number | string;
};

/**
 * Syncs by status and transactions pulled/pushed over the last 24 hours and the last 7 days, of the services that use
 * a connector as source or destination (a service that is both counts once), for the Summary tab and the API.
 *
 * Whole hours come from connector_sync_hourly (kept by triggers on sync_runs and services, migration 0015); only the
 * runs of the hours a window cuts are read one by one: from the week's start to the next whole hour, from the day's
 * start to the next whole hour (already in the week as part of a whole hour, so counted for the day only), and from
 * the current hour's start to now. So the cost follows the number of hours in the window, not the number of runs: the
 * bench's busiest connector has 35,000 runs a week and at most 4 x 168 hourly rows.
 */
export async function syncTotalsByConnector(
  db: Db,
  { orgId, ids, now = new Date() }: { orgId: string; ids: string[]; now?: Date },
): Promise<Map<string, SyncTotalsPair>> {
  const out = new Map<string, SyncTotalsPair>(ids.map((id) => [id, { day: zero(), week: zero() }]));
  if (ids.length === 0) return out;
  const end = now.getTime();
  const weekStart = end - 7 * 24 * HOUR;
  const dayStart = end - 24 * HOUR;
  const ceilHour = (ms: number) => Math.ceil(ms / HOUR) * HOUR;
  const thisHour = Math.floor(end / HOUR) * HOUR;
  const idList = sql`string_to_array(${ids.join(",")}, ',')::uuid[]`;
  // Each edge is [from, to), the last one [from, to] (a run started at `now` counts, as it always has).
  const rows = await executeRows<Row>(
    db,
    sql`
    select x.connector_id, x.status, x.bucket, sum(x.n) as n, sum(x.pulled) as pulled, sum(x.pushed) as pushed
    from (
      select h.connector_id, h.status, case when h.hour >= ${ts(ceilHour(dayStart))} then ${BOTH} else ${WEEK} end as bucket,
             h.runs as n, h.pulled, h.pushed
      from connector_sync_hourly h
      where h.connector_id = any(${idList}) and h.org_id = ${orgId}
        and h.hour >= ${ts(ceilHour(weekStart))} and h.hour < ${ts(thisHour)}
      union all
      select c.id, r.status, e.bucket, 1, r.pulled_count, r.pushed_count
      from unnest(${idList}) as c(id)
      join services s on s.org_id = ${orgId} and (s.source_connector_id = c.id or s.destination_connector_id = c.id)
      cross join (values
        (${ts(weekStart)}, ${ts(ceilHour(weekStart))}, false, ${WEEK}),
        (${ts(dayStart)}, ${ts(ceilHour(dayStart))}, false, ${DAY}),
        (${ts(thisHour)}, ${ts(end)}, true, ${BOTH})
      ) as e(lo, hi, closed, bucket)
      join sync_runs r on r.service_id = s.id and r.org_id = ${orgId}
        and r.started_at >= e.lo and r.started_at <= e.hi and (e.closed or r.started_at < e.hi)
    ) x
    group by 1, 2, 3`,
  );
  for (const r of rows) {
    const pair = out.get(r.connector_id);
    if (!pair) continue;
    const bucket = Number(r.bucket);
    for (const t of bucket === BOTH ? [pair.day, pair.week] : bucket === DAY ? [pair.day] : [pair.week]) {
      const n = Number(r.n);
      t.total += n;
      t[r.status] += n;
      t.pulled += Number(r.pulled);
      t.pushed += Number(r.pushed);
    }
  }
  return out;
}

/**
 * The connector's failed runs started at or after `since` (a timestamptz expression, such as the outer row's
 * status_since), with no upper bound, as one SQL expression: whole hours from connector_sync_hourly, and one by one
 * only the runs of the hour `since` cuts and of the current hour on (`thisHour`, its start: utcHourStart). Each part is its own subquery so that each is
 * an index range.
 */
export function failedRunsSince(
  { orgId, connectorId }: { orgId: string | Placeholder; connectorId: string | Placeholder },
  since: SQL,
  thisHour: SQL,
) {
  const nextHour = sql`date_trunc('hour', ${since} + interval '1 hour' - interval '1 microsecond', 'UTC')`;
  const failedRuns = (from: SQL, to: SQL | null) => sql`(select count(*) from sync_runs r
      join services s on s.id = r.service_id and s.org_id = ${orgId}
        and (s.source_connector_id = ${connectorId} or s.destination_connector_id = ${connectorId})
      where r.org_id = ${orgId} and r.status = 'failed' and r.started_at >= ${from}${to ? sql` and r.started_at < ${to}` : sql``})`;
  return sql`((select coalesce(sum(h.runs), 0) from connector_sync_hourly h
      where h.connector_id = ${connectorId} and h.org_id = ${orgId} and h.status = 'failed'
        and h.hour >= ${nextHour} and h.hour < ${thisHour})
    + ${failedRuns(since, sql`least(${nextHour}, ${thisHour})`)}
    + ${failedRuns(sql`greatest(${thisHour}, ${since})`, null)})`;
}
