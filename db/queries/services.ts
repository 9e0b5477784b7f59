import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import { connectors, services } from "@/db/schema";
import { at } from "./connector-summary";

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
      destination: { id: destination.id, name: destination.name, systemId: destination.systemId, environment: destination.environment },
      lastSyncAt: sql<Date | null>`(select max(r.started_at) from sync_runs r where r.service_id = "services"."id")`.mapWith((v) => (v ? new Date(v) : null)),
      failed24h: sql<number>`(select count(*) from sync_runs r where r.service_id = "services"."id" and r.status = 'failed'
        and r.started_at > ${at(now)} - interval '24 hours' and r.started_at <= ${at(now)})`.mapWith(Number),
    })
    .from(services)
    .innerJoin(source, and(eq(source.id, services.sourceConnectorId), eq(source.orgId, orgId)))
    .innerJoin(destination, and(eq(destination.id, services.destinationConnectorId), eq(destination.orgId, orgId)))
    .where(eq(services.orgId, orgId))
    .orderBy(asc(source.environment), asc(sql`lower(${services.name})`));
}
export type ServiceRow = Awaited<ReturnType<typeof listServices>>[number];
