import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "@/db";
import { connectors, services } from "@/db/schema";
import { at } from "./sql-time";

const source = alias(connectors, "source");
const destination = alias(connectors, "destination");

/**
 * The organisation's services with both ends, the start of the latest sync and the failures of the last 24 hours.
 * The two subqueries are per service and use (service_id, started_at) and its partial "failed" twin, so the list
 * stays fast however long the history is.
 */
export function listServices(db: Db, { orgId, now = new Date() }: { orgId: string; now?: Date }) {
  return db
    .select({
      id: services.id,
      name: services.name,
      active: services.active,
      environment: source.environment,
      source: { id: source.id, name: source.name, systemId: source.systemId, environment: source.environment },
      destination: {
        id: destination.id,
        name: destination.name,
        systemId: destination.systemId,
        environment: destination.environment,
      },
      lastSyncAt:
        sql<Date | null>`(select max(r.started_at) from sync_runs r where r.service_id = "services"."id")`.mapWith(
          (v: string | Date | null) => (v ? new Date(v) : null),
        ),
      failed24h:
        sql<number>`(select count(*) from sync_runs r where r.service_id = "services"."id" and r.status = 'failed'
        and r.started_at > ${at(now)} - interval '24 hours' and r.started_at <= ${at(now)})`.mapWith(Number),
    })
    .from(services)
    .innerJoin(source, and(eq(source.id, services.sourceConnectorId), eq(source.orgId, orgId)))
    .innerJoin(destination, and(eq(destination.id, services.destinationConnectorId), eq(destination.orgId, orgId)))
    .where(eq(services.orgId, orgId))
    .orderBy(asc(source.environment), asc(sql`lower(${services.name})`));
}
export type ServiceRow = Awaited<ReturnType<typeof listServices>>[number];

type Scope = { orgId: string; id: string };
const byId = ({ orgId, id }: Scope) => and(eq(services.orgId, orgId), eq(services.id, id));

export async function getService(db: DbOrTx, scope: Scope) {
  const row = (await db.select().from(services).where(byId(scope)).limit(1)).at(0);
  return row;
}

/** Whether another service of the organisation has this name, ignoring case (names are unique that way). */
export async function serviceNameTaken(
  db: DbOrTx,
  { orgId, name, exceptId }: { orgId: string; name: string; exceptId?: string },
) {
  const row = (
    await db
      .select({ id: services.id })
      .from(services)
      .where(
        and(
          eq(services.orgId, orgId),
          sql`lower(${services.name}) = ${name.toLowerCase()}`,
          exceptId ? sql`${services.id} <> ${exceptId}` : undefined,
        ),
      )
      .limit(1)
  ).at(0);
  return !!row;
}

export type NewService = {
  id?: string;
  orgId: string;
  name: string;
  active?: boolean;
  sourceConnectorId: string;
  destinationConnectorId: string;
};

/** Adds services; answers their ids and names. */
export function insertServices(db: DbOrTx, rows: NewService[]) {
  return db.insert(services).values(rows).returning({ id: services.id, name: services.name });
}

/** Renames a service or points it at other connectors. */
export async function setServiceFields(
  db: DbOrTx,
  scope: Scope,
  values: { name: string; sourceConnectorId: string; destinationConnectorId: string },
) {
  await db
    .update(services)
    .set({ ...values, updatedAt: sql`now()` })
    .where(byId(scope));
}

export async function setServiceActiveRow(db: DbOrTx, scope: Scope, active: boolean) {
  await db
    .update(services)
    .set({ active, updatedAt: sql`now()` })
    .where(byId(scope));
}

/** Its sync history goes with it (cascade). */
export async function deleteServiceRow(db: DbOrTx, scope: Scope) {
  await db.delete(services).where(byId(scope));
}
