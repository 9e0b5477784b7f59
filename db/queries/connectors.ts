import { and, asc, count, eq, ilike } from "drizzle-orm";
import type { Db } from "@/db";
import { companyGroups, connectors, type ConnectorStatus, type Environment } from "@/db/schema";

/** Columns safe for any page: never the credentials envelope. */
export const connectorSummaryColumns = {
  id: connectors.id,
  name: connectors.name,
  systemId: connectors.systemId,
  authType: connectors.authType,
  environment: connectors.environment,
  companyGroupId: connectors.companyGroupId,
  companyGroupName: companyGroups.name,
  status: connectors.status,
  statusSince: connectors.statusSince,
  lastCheckedAt: connectors.lastCheckedAt,
  lastReason: connectors.lastReason,
  timeZone: connectors.timeZone,
  dateFormat: connectors.dateFormat,
};

type ListFilters = { orgId: string; environment?: Environment; status?: ConnectorStatus; q?: string };

function listWhere({ orgId, environment, status, q }: ListFilters) {
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return and(
    eq(connectors.orgId, orgId),
    environment ? eq(connectors.environment, environment) : undefined,
    status ? eq(connectors.status, status) : undefined,
    pattern ? ilike(connectors.name, pattern) : undefined,
  );
}

export function listConnectors(db: Db, filters: ListFilters) {
  return db
    .select(connectorSummaryColumns)
    .from(connectors)
    .innerJoin(companyGroups, eq(companyGroups.id, connectors.companyGroupId))
    .where(listWhere(filters))
    .orderBy(asc(connectors.name));
}

export const CONNECTORS_PAGE_SIZE = 60;

/** One page of the connector list by name (id breaks ties), with the total; a page past the end shows the last page. */
export async function listConnectorsPage(db: Db, { page = 1, pageSize = CONNECTORS_PAGE_SIZE, ...filters }: ListFilters & { page?: number; pageSize?: number }) {
  const [{ total }] = await db.select({ total: count() }).from(connectors).where(listWhere(filters));
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = await db
    .select(connectorSummaryColumns)
    .from(connectors)
    .innerJoin(companyGroups, eq(companyGroups.id, connectors.companyGroupId))
    .where(listWhere(filters))
    .orderBy(asc(connectors.name), asc(connectors.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize);
  return { rows, total, page: current, pageCount, pageSize };
}

export async function countConnectorsByEnvironment(db: Db, { orgId }: { orgId: string }): Promise<Record<Environment, number>> {
  const rows = await db.select({ environment: connectors.environment, n: count() }).from(connectors).where(eq(connectors.orgId, orgId)).groupBy(connectors.environment);
  return { live: 0, test: 0, ...Object.fromEntries(rows.map((r) => [r.environment, r.n])) };
}

/** One connector's safe columns (never the credentials envelope), scoped by organisation. */
export async function getConnectorSummary(db: Db, { orgId, id }: { orgId: string; id: string }) {
  const [row] = await db
    .select({
      ...connectorSummaryColumns,
      lastMessage: connectors.lastMessage,
      lastHint: connectors.lastHint,
      lastLatencyMs: connectors.lastLatencyMs,
      lastHttpStatus: connectors.lastHttpStatus,
      consecutiveFailures: connectors.consecutiveFailures,
      nextCheckAt: connectors.nextCheckAt,
      allowPrivateNetwork: connectors.allowPrivateNetwork,
      createdAt: connectors.createdAt,
    })
    .from(connectors)
    .innerJoin(companyGroups, eq(companyGroups.id, connectors.companyGroupId))
    .where(and(eq(connectors.orgId, orgId), eq(connectors.id, id)))
    .limit(1);
  return row;
}
export type ConnectorSummary = NonNullable<Awaited<ReturnType<typeof getConnectorSummary>>>;
