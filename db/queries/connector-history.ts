import { and, eq, gte, lte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { connectors, type ConnectorStatus, healthChecks, healthDaily } from "@/db/schema";
import { executeRows } from "./execute";
import { at } from "./connector-summary";
import { outsideWindows } from "./maintenance";

/** Status history of one connector for its Summary tab: uptime, latency and a timeline, scoped by organisation. */
type Scope = { orgId: string; connectorId: string };

/** Window lengths in hours. */
export const UPTIME_WINDOWS = { "24h": 24, "7d": 168, "30d": 720, "90d": 2160 } as const;
export type UptimeWindow = keyof typeof UPTIME_WINDOWS;

/**
 * % of checks that found the connector operational, per window; null when there were none. Throttled checks (429)
 * say nothing about health, so they are left out. Raw checks are kept 30 days, then rolled into health_daily by
 * UTC day: a check lives in exactly one of the two, so adding both never counts one twice. A rolled-up day is
 * taken whole (the first, partial day of a long window is approximate; the daily roll-up cannot split it).
 * Checks inside a pause or maintenance window are left out (rolled-up days cannot be split, so they stay whole).
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
  const start = (hours: number) => sql`(${at(now)} - ${`${hours} hours`}::interval)`;
  const longest = start(Math.max(...windows.map((w) => UPTIME_WINDOWS[w])));
  const rawSince = (w: W) => sql`${healthChecks.checkedAt} >= ${start(UPTIME_WINDOWS[w])}`;
  const daySince = (w: W) => sql`${healthDaily.day} >= (${start(UPTIME_WINDOWS[w])} at time zone 'UTC')::date`;
  const num = (s: ReturnType<typeof sql>) => sql<number>`${s}`.mapWith(Number);

  const [raw, daily] = await Promise.all([
    db
      .select(
        Object.fromEntries(
          windows.flatMap((w) => [
            [`${w}:checks`, num(sql`count(*) filter (where not ${healthChecks.throttled} and ${rawSince(w)})`)],
            [
              `${w}:ok`,
              num(
                sql`count(*) filter (where not ${healthChecks.throttled} and ${healthChecks.status} = 'operational' and ${rawSince(w)})`,
              ),
            ],
          ]),
        ),
      )
      .from(healthChecks)
      .where(
        and(
          eq(healthChecks.orgId, orgId),
          eq(healthChecks.connectorId, connectorId),
          gte(healthChecks.checkedAt, longest),
          lte(healthChecks.checkedAt, at(now)),
          outsideWindows(connectorId, sql`"health_checks"."checked_at"`),
        ),
      ),
    db
      .select(
        Object.fromEntries(
          windows.flatMap((w) => [
            [`${w}:checks`, num(sql`coalesce(sum(${healthDaily.checks}) filter (where ${daySince(w)}), 0)`)],
            [
              `${w}:ok`,
              num(sql`coalesce(sum(${healthDaily.checks} - ${healthDaily.failures}) filter (where ${daySince(w)}), 0)`),
            ],
          ]),
        ),
      )
      .from(healthDaily)
      // health_daily has no organisation column: the connector row carries the scope.
      .innerJoin(connectors, and(eq(connectors.id, healthDaily.connectorId), eq(connectors.orgId, orgId)))
      .where(eq(healthDaily.connectorId, connectorId)),
  ]);
  const r = raw[0] ?? {};
  const d = daily[0] ?? {};
  return Object.fromEntries(
    windows.map((w) => {
      const checks = (r[`${w}:checks`] ?? 0) + (d[`${w}:checks`] ?? 0);
      const ok = (r[`${w}:ok`] ?? 0) + (d[`${w}:ok`] ?? 0);
      return [w, checks === 0 ? null : (ok / checks) * 100];
    }),
  ) as Record<W, number | null>;
}

export type LatencyPoint = { at: Date; checks: number; failures: number; avgMs: number; p95Ms: number };

/** Hourly latency (hours in the connector's own zone, so chart ticks fall on its local hours) over the last `hours`. */
export async function getLatencySeries(
  db: Db,
  { orgId, connectorId, hours = 168, now = new Date() }: Scope & { hours?: number; now?: Date },
): Promise<LatencyPoint[]> {
  return db
    .select({
      at: sql<Date>`date_trunc('hour', ${healthChecks.checkedAt}, ${connectors.timeZone})`.mapWith(
        (v: string | Date) => new Date(v),
      ),
      checks: sql<number>`count(*)`.mapWith(Number),
      failures: sql<number>`count(*) filter (where ${healthChecks.status} <> 'operational')`.mapWith(Number),
      avgMs: sql<number>`avg(${healthChecks.latencyMs})`.mapWith(Number),
      p95Ms: sql<number>`percentile_cont(0.95) within group (order by ${healthChecks.latencyMs})`.mapWith(Number),
    })
    .from(healthChecks)
    .innerJoin(connectors, and(eq(connectors.id, healthChecks.connectorId), eq(connectors.orgId, orgId)))
    .where(
      and(
        eq(healthChecks.orgId, orgId),
        eq(healthChecks.connectorId, connectorId),
        gte(healthChecks.checkedAt, sql`${at(now)} - ${`${hours} hours`}::interval`),
        lte(healthChecks.checkedAt, at(now)),
      ),
    )
    .groupBy(sql`1`)
    .orderBy(sql`1`);
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
