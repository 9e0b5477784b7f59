import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db";
import {
  connectors,
  type ConnectorStatus,
  healthChecks,
  healthDaily,
  healthHourly,
  healthHoursRolled,
} from "@/db/schema";
import { executeRows } from "./execute";
import { at, utcHourStart } from "./sql-time";
import { rawChecksKeptFrom, utcDayText, utcMidnight } from "./health-retention";
import { windowRanges } from "./maintenance";

/** Status history of one connector for its Summary tab: uptime, latency and a timeline, scoped by organisation. */
type Scope = { orgId: string; connectorId: string };

/** Window lengths in hours. */
export const UPTIME_WINDOWS = { "24h": 24, "7d": 168, "30d": 720, "90d": 2160 } as const;
export type UptimeWindow = keyof typeof UPTIME_WINDOWS;

const HOUR = 3_600_000;
/** health_hourly's hours are UTC hours: date_bin from this origin. */
const EPOCH = new Date("2000-01-01T00:00:00Z");
/**
 * The instant `hours` before `now`. An interval of hours is an exact length of time (no DST), so this is Postgres's
 * `now - interval 'n hours'`; computed here, it reaches the database as a constant rather than an expression.
 */
const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * HOUR);
/** The UTC day an instant falls in, as health_daily's rows are keyed. */
const utcDay = (d: Date) => sql`${utcDayText(d)}::date`;
/** A select list of named columns. */
const columns = (list: [name: string, value: SQL][]) =>
  sql.join(
    list.map(([name, value]) => sql`${value} as ${sql.identifier(name)}`),
    sql`, `,
  );

/** The first UTC midnight at or after `d`. */
const utcMidnightFrom = (d: Date) => {
  const floor = utcMidnight(d);
  return floor.getTime() === d.getTime() ? floor : new Date(floor.getTime() + 24 * HOUR);
};

/**
 * % of checks that found the connector operational, per window; null when there were none. Throttled checks (429)
 * say nothing about health, so they are left out, as are checks inside a pause or maintenance window.
 * Finished UTC days are rolled up per connector into health_daily (rollupHealthDays), up to the connector's
 * `health_rolled_through`; raw checks are kept 30 days. Each window then adds, with no check counted twice:
 * - raw checks from its start to the first midnight after it (its partial first day; further back than raw checks
 *   are kept, that day is taken whole from its roll-up instead, as it always was);
 * - the roll-ups of the whole days from there up to the last rolled day;
 * - raw checks after the last rolled day (all raw checks when nothing is rolled yet).
 * A 30-day window of a connector checked every 5 minutes reads ~30 roll-ups and at most ~2 days of raw checks, not
 * ~8,640. Every part is an index range (index-only on raw checks); window starts are constants.
 */
export async function getUptime<W extends UptimeWindow = "24h" | "7d" | "30d">(
  db: Db,
  {
    orgId,
    connectorId,
    now = new Date(),
    windows = ["24h", "7d", "30d"] as W[],
  }: Scope & { now?: Date; windows?: W[] },
): Promise<Record<W, number | null>> {
  const keptFrom = rawChecksKeptFrom(now);
  const spans = windows.map((w) => {
    const start = hoursBefore(now, UPTIME_WINDOWS[w]);
    return { w, start, firstDay: start >= keptFrom ? utcMidnightFrom(start) : utcMidnight(start) };
  });
  const earliest = new Date(Math.min(...spans.map((s) => s.start.getTime())));
  const oldestDay = new Date(Math.min(...spans.map((s) => s.firstDay.getTime())));
  const checks = sql`${healthChecks} hc where hc.org_id = ${orgId} and hc.connector_id = ${connectorId} and not hc.throttled
    and not coalesce((select ranges from mw) @> hc.checked_at, false)`;
  const tail = columns(
    spans.flatMap(({ w, start }) => [
      [`${w}:checks`, sql`count(*) filter (where hc.checked_at >= ${at(start)})`],
      [`${w}:ok`, sql`count(*) filter (where hc.checked_at >= ${at(start)} and hc.status = 'operational')`],
    ]),
  );
  const heads = sql.join(
    spans.map(
      ({ start, firstDay }, i) => sql`select ${sql.raw(String(i))} as k, hc.status from ${checks}
        and hc.checked_at >= ${at(start)} and hc.checked_at < least(${at(firstDay)}, c.edge)`,
    ),
    sql` union all `,
  );
  const head = columns(
    spans.flatMap(({ w }, i) => [
      [`${w}:head_checks`, sql`count(*) filter (where h.k = ${sql.raw(String(i))})`],
      [`${w}:head_ok`, sql`count(*) filter (where h.k = ${sql.raw(String(i))} and h.status = 'operational')`],
    ]),
  );
  const daily = columns(
    spans.flatMap(({ w, firstDay }) => [
      [`${w}:day_checks`, sql`coalesce(sum(d.checks) filter (where d.day >= ${utcDay(firstDay)}), 0)`],
      [`${w}:day_ok`, sql`coalesce(sum(d.checks - d.failures) filter (where d.day >= ${utcDay(firstDay)}), 0)`],
    ]),
  );
  // The connector row scopes everything to the organisation and gives the last rolled day; each part aggregates
  // without GROUP BY, so each gives exactly one row, even with nothing to count.
  const rows = await executeRows<Record<string, string | number>>(
    db,
    sql`with c as (
      select c.health_rolled_through as rolled,
        coalesce((c.health_rolled_through + 1)::timestamp at time zone 'UTC', '-infinity'::timestamptz) as edge
      from ${connectors} c where c.org_id = ${orgId} and c.id = ${connectorId}),
    mw as (select ${windowRanges(connectorId, { from: earliest, to: now })} as ranges)
    select * from c,
    lateral (select ${tail} from ${checks} and hc.checked_at >= greatest(c.edge, ${at(earliest)}) and hc.checked_at <= ${at(now)}) tail,
    lateral (select ${head} from (${heads}) h) head,
    lateral (select ${daily} from ${healthDaily} d
      where d.connector_id = ${connectorId} and d.day >= ${utcDay(oldestDay)} and d.day <= c.rolled) daily`,
  );
  const row = rows.at(0); // none: not the organisation's connector
  return Object.fromEntries(
    windows.map((w) => {
      if (!row) return [w, null];
      const checks = Number(row[`${w}:checks`]) + Number(row[`${w}:head_checks`]) + Number(row[`${w}:day_checks`]);
      const ok = Number(row[`${w}:ok`]) + Number(row[`${w}:head_ok`]) + Number(row[`${w}:day_ok`]);
      return [w, checks === 0 ? null : (ok / checks) * 100];
    }),
  ) as Record<W, number | null>;
}

export type LatencyPoint = { at: Date; checks: number; failures: number; avgMs: number; p95Ms: number };

/** One point as the statement encodes it: [hour start in epoch ms, checks, failures, mean ms, p95 ms]. */
type EncodedPoint = [at: number, checks: number, failures: number, avgMs: number, p95Ms: number];

/**
 * Hourly latency over the last `hours`, in hours of the connector's own zone (so chart ticks fall on its local hours):
 * checks, failures, mean and p95 latency per hour. `timeZone` is the connector's: its page has read the connector
 * already, so this does not join it again.
 *
 * Where the zone's hours are UTC hours throughout the window (a whole-hour offset at every hour of it, DST included),
 * the whole hours health_hourly holds (rollupHealthHours) are read as rolled, and only the checks of the hour the
 * window's start cuts, of hours not rolled yet and of the current hour one by one: ~170 rows instead of ~2,000 for a
 * connector checked every 5 minutes. A rolled hour's figures are those the same aggregates give over its raw checks.
 * Elsewhere (half-hour offsets, a connector not rolled yet) every check of the window is read, each in its local hour:
 * the start of the check's local hour at its own UTC offset, as date_trunc('hour', checked_at, zone) gives it. When
 * every hour of the grid (from the window start's local hour to an hour past `now`) is a local hour start, date_bin on
 * that grid gives the same instants without a zone conversion per check (a zone changes its offset at most once an
 * hour: tzdata 2025b, 1970-2100, the nearest two changes of any zone are 7 days apart).
 * Each part is an index range; the bounds are computed once (CTE k) and reach the scans as constants. The points come
 * back as one JSON value, not ~170 rows: the embedded database's client decodes each field of each row in JavaScript
 * on the database's thread (a fifth of that thread's time on the bench's heaviest summary page went to decoding rows).
 */
export async function getLatencySeries(
  db: Db,
  {
    orgId,
    connectorId,
    timeZone,
    hours = 168,
    now = new Date(),
  }: Scope & { timeZone: string; hours?: number; now?: Date },
): Promise<LatencyPoint[]> {
  const start = hoursBefore(now, hours);
  const startHour = utcHourStart(start);
  const firstWholeHour = startHour.getTime() === start.getTime() ? start : new Date(startHour.getTime() + HOUR);
  const zone = sql`${timeZone}::text`;
  // Rolled hours are read from `lo` up to `hi`; raw checks from the window's start up to `lo`, and from `hi` on. They
  // are UTC hours: they are the chart's where its grid starts on a UTC hour and every hour of it is a local one.
  const rolled = sql`b.local and date_bin('1 hour', b.grid, ${at(EPOCH)}) = b.grid and m.rolled_from is not null`;
  const lo = sql`greatest(${at(firstWholeHour)}, m.rolled_from)`;
  const checks = (
    from: SQL,
    to: SQL | null,
  ) => sql`select hc.checked_at, hc.status, hc.latency_ms from ${healthChecks} hc
    where hc.org_id = ${orgId} and hc.connector_id = ${connectorId} and hc.checked_at >= ${from}
      and hc.checked_at <= ${at(now)}${to ? sql` and hc.checked_at < ${to}` : sql``}`;
  const [{ points }] = await executeRows<{ points: EncodedPoint[] }>(
    db,
    sql`with g as (select date_trunc('hour', ${at(start)}, ${zone}) as grid),
    b as (
      select g.grid, bool_and(date_trunc('hour', h, ${zone}) = h) as local
      from g, generate_series(g.grid, ${at(now)} + interval '1 hour', interval '1 hour') h group by g.grid),
    m as (select r.rolled_from, r.rolled_through from ${healthHoursRolled} r where r.connector_id = ${connectorId}),
    k as (
      select b.grid, b.local,
        case when ${rolled} then ${lo} else ${at(start)} end as lo,
        case when ${rolled} then greatest(${lo}, least(m.rolled_through, ${at(utcHourStart(now))})) else ${at(start)} end as hi
      from b left join m on true),
    raw as (${checks(at(start), sql`(select lo from k)`)} union all ${checks(sql`(select hi from k)`, null)})
    select coalesce(json_agg(json_build_array((extract(epoch from s.at) * 1000)::bigint, s.checks, s.failures, s.avg_ms, s.p95_ms)
      order by s.at), '[]') as points
    from (
      select case when (select local from k) then date_bin('1 hour', raw.checked_at, (select grid from k))
          else date_trunc('hour', raw.checked_at, ${zone}) end as at,
        count(*) as checks, count(*) filter (where raw.status <> 'operational') as failures,
        avg(raw.latency_ms) as avg_ms, percentile_cont(0.95) within group (order by raw.latency_ms) as p95_ms
      from raw group by 1
      union all
      select h.hour, h.checks, h.failures, h.latency_sum::numeric / h.checks, h.latency_p95
      from ${healthHourly} h
      where h.connector_id = ${connectorId} and h.org_id = ${orgId} and h.hour >= (select lo from k) and h.hour < (select hi from k)
    ) s`,
  );
  return points.map(([ms, checks, failures, avgMs, p95Ms]) => ({ at: new Date(ms), checks, failures, avgMs, p95Ms }));
}

export type TimelineEntry =
  | {
      kind: "status";
      key: string;
      at: Date;
      fromStatus: ConnectorStatus;
      toStatus: ConnectorStatus;
      reason: string;
      message: string;
    }
  | { kind: "change"; key: string; at: Date; actorName: string; action: string; summary: string; fields: string[] };

type TimelineRow = {
  kind: "status" | "change";
  id: string | number;
  at: string | Date;
  from_status: ConnectorStatus;
  to_status: ConnectorStatus;
  reason: string;
  message: string;
  actor_name: string;
  action: string;
  summary: string;
  fields: string[] | null;
};

/**
 * Status changes and settings changes, newest first, in one list. On a tie (a credentials save records the new
 * status in the same transaction) the status change sorts first, so the change that caused it reads just below it.
 */
export async function getTimeline(
  db: Db,
  { orgId, connectorId, limit = 30 }: Scope & { limit?: number },
): Promise<TimelineEntry[]> {
  const rows = await executeRows<TimelineRow>(
    db,
    sql`
    select * from (
      (select 'status' as kind, e.id, e.at, e.from_status::text as from_status, e.to_status::text as to_status, e.reason, e.message,
         null::text as actor_name, null::text as action, null::text as summary, null::jsonb as fields
       from status_events e where e.org_id = ${orgId} and e.connector_id = ${connectorId} order by e.at desc, e.id desc limit ${limit})
      union all
      (select 'change', a.id, a.at, null, null, null, null, a.actor_name, a.action, a.summary, a.fields
       from audit_events a where a.org_id = ${orgId} and a.connector_id = ${connectorId} order by a.at desc, a.id desc limit ${limit})
    ) t order by at desc, kind desc, id desc limit ${limit}`,
  );
  return rows.map((r): TimelineEntry => {
    const base = { key: `${r.kind}-${r.id}`, at: new Date(r.at) };
    return r.kind === "status"
      ? {
          kind: "status",
          ...base,
          fromStatus: r.from_status,
          toStatus: r.to_status,
          reason: r.reason,
          message: r.message,
        }
      : {
          kind: "change",
          ...base,
          actorName: r.actor_name,
          action: r.action,
          summary: r.summary,
          fields: r.fields ?? [],
        };
  });
}
