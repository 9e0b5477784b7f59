import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db";
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
