import { and, eq, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { companyGroups, connectors, services } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { getAuthType, getSystem } from "@/lib/systems";

/** A connector of the organisation, credentials envelope included (server-side only), or NOT_FOUND. */
export async function loadConnector(db: Db | Tx, { orgId, id }: { orgId: string; id: string }) {
  const [row] = await db.select().from(connectors).where(and(eq(connectors.orgId, orgId), eq(connectors.id, id))).limit(1);
  if (!row) throw notFound("That connector");
  return row;
}

export function requireSystem(systemId: string, authTypeId: string) {
  const system = getSystem(systemId);
  const authType = system && getAuthType(system, authTypeId);
  return { system, authType };
}

export async function findDuplicate(db: Db | Tx, { companyGroupId, systemId, environment }: { companyGroupId: string; systemId: string; environment: "live" | "test" }) {
  const [row] = await db
    .select({ id: connectors.id, name: connectors.name })
    .from(connectors)
    .where(and(eq(connectors.companyGroupId, companyGroupId), eq(connectors.systemId, systemId), eq(connectors.environment, environment)))
    .limit(1);
  return row;
}

export async function findGroup(db: Db | Tx, { orgId, id }: { orgId: string; id?: string }) {
  const [row] = await db
    .select()
    .from(companyGroups)
    .where(and(eq(companyGroups.orgId, orgId), id ? eq(companyGroups.id, id) : eq(companyGroups.isDefault, true)))
    .limit(1);
  return row;
}

export async function nameTaken(db: Db | Tx, { orgId, name, exceptId }: { orgId: string; name: string; exceptId?: string }) {
  const [row] = await db
    .select({ id: connectors.id })
    .from(connectors)
    .where(and(eq(connectors.orgId, orgId), sql`lower(${connectors.name}) = ${name.toLowerCase()}`, exceptId ? sql`${connectors.id} <> ${exceptId}` : undefined))
    .limit(1);
  return !!row;
}

/** Services that hold a connector as source or destination, active or not. */
export function servicesUsing(db: Db | Tx, { orgId, connectorId }: { orgId: string; connectorId: string }) {
  return db
    .select({ id: services.id, name: services.name, active: services.active })
    .from(services)
    .where(and(eq(services.orgId, orgId), or(eq(services.sourceConnectorId, connectorId), eq(services.destinationConnectorId, connectorId))))
    .orderBy(services.name);
}
