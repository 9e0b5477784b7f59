import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { companyGroups, connectors, type Environment } from "@/db/schema";

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

export function listConnectors(db: Db, { orgId, environment }: { orgId: string; environment?: Environment }) {
  return db
    .select(connectorSummaryColumns)
    .from(connectors)
    .innerJoin(companyGroups, eq(companyGroups.id, connectors.companyGroupId))
    .where(and(eq(connectors.orgId, orgId), environment ? eq(connectors.environment, environment) : undefined))
    .orderBy(asc(connectors.name));
}
