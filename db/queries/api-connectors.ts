import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import type { SyncTotals } from "@/db/queries/connector-summary";
import { connectors } from "@/db/schema";

/** What the API may show of a connector: health, never the credentials envelope. */
export const apiConnectorColumns = {
  id: connectors.id,
  name: connectors.name,
  systemId: connectors.systemId,
  environment: connectors.environment,
  status: connectors.status,
  statusSince: connectors.statusSince,
  lastCheckedAt: connectors.lastCheckedAt,
  lastReason: connectors.lastReason,
  lastMessage: connectors.lastMessage,
  lastHint: connectors.lastHint,
};
const sortKey = sql<string>`lower(${connectors.name})`;

/**
 * One page in name order, keyset-paginated on lower(name): unique per organisation (connectors_org_name_uq), so the
 * key alone is a stable cursor and the unique index serves the range. Fetches one extra row to know if more follow.
 */
export async function listConnectorsPage(
  db: Db,
  { orgId, limit, after }: { orgId: string; limit: number; after?: string },
) {
  const rows = await db
    .select({ ...apiConnectorColumns, sortKey })
    .from(connectors)
    .where(and(eq(connectors.orgId, orgId), after === undefined ? undefined : gt(sortKey, after)))
    .orderBy(asc(sortKey))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, nextAfter: more ? page[page.length - 1].sortKey : null };
}

export async function getApiConnector(db: Db, { orgId, id }: { orgId: string; id: string }) {
  const [row] = await db
    .select(apiConnectorColumns)
    .from(connectors)
    .where(and(eq(connectors.orgId, orgId), eq(connectors.id, id)))
    .limit(1);
  return row;
}
export type ApiConnectorRow = NonNullable<Awaited<ReturnType<typeof getApiConnector>>>;

const KEYS = ["total", "ok", "sent", "pending", "failed", "pulled", "pushed"] as const;
const ZERO: SyncTotals = { total: 0, ok: 0, sent: 0, pending: 0, failed: 0, pulled: 0, pushed: 0 };

/**
 * getSyncTotals (connector-summary.ts) for a page of connectors in one query instead of one per connector: the same
 * windows, and a service using a connector as both source and destination counts once.
 */
export async function syncTotalsByConnector(
  db: Db,
  { orgId, ids, now = new Date() }: { orgId: string; ids: string[]; now?: Date },
) {
  const out = new Map<string, { day: SyncTotals; week: SyncTotals }>(
    ids.map((id) => [id, { day: { ...ZERO }, week: { ...ZERO } }]),
  );
  if (ids.length === 0) return out;
  const at = sql`${now.toISOString()}::timestamptz`;
  // Every column is aliased: pg returns rows as objects, where two columns named "count" would overwrite each other.
  const cols = (prefix: string, span: string) => {
    const since = `r.started_at >= n.now_at - interval '${span}'`;
    const n = (cond = "") => `count(*) filter (where ${since}${cond})`;
    const sum = (col: string) => `coalesce(sum(r.${col}) filter (where ${since}), 0)`;
    const list = [
      n(),
      n(" and r.status = 'ok'"),
      n(" and r.status = 'sent'"),
      n(" and r.status = 'pending'"),
      n(" and r.status = 'failed'"),
      sum("pulled_count"),
      sum("pushed_count"),
    ];
    return sql.raw(list.map((expr, i) => `${expr} as ${prefix}_${KEYS[i]}`).join(", "));
  };
  const result = (await db.execute(sql`
    select c.id, ${cols("day", "24 hours")}, ${cols("week", "7 days")}
    from (select ${at} as now_at) n
    cross join unnest(string_to_array(${ids.join(",")}, ',')::uuid[]) as c(id)
    join services s on s.org_id = ${orgId} and (s.source_connector_id = c.id or s.destination_connector_id = c.id)
    join sync_runs r on r.service_id = s.id and r.org_id = ${orgId} and r.started_at >= n.now_at - interval '7 days' and r.started_at <= n.now_at
    group by c.id`)) as { rows: Record<string, string | number>[] };
  for (const row of result.rows) {
    const pick = (prefix: string) =>
      Object.fromEntries(KEYS.map((k) => [k, Number(row[`${prefix}_${k}`])])) as SyncTotals;
    out.set(String(row.id), { day: pick("day"), week: pick("week") });
  }
  return out;
}
