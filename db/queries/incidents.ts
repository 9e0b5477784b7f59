import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import type { ConnectorStatus, Environment } from "@/db/schema";
import { at } from "./sql-time";
import { executeRows } from "./execute";

/**
 * Incidents: every period a connector was not operational, derived from its confirmed status changes. A change into a
 * failing status starts one; the connector's next change (recovery, or another failing status) ends it; none yet
 * means it is ongoing. The change's id is the incident's id. Scoped by organisation.
 */
export type IncidentFilters = {
  status?: Exclude<ConnectorStatus, "operational">;
  systemId?: string;
  environment?: Environment;
  connectorId?: string;
  /** Incidents overlapping [from, to). */
  from?: Date;
  to?: Date;
};

export type IncidentRow = {
  id: number;
  connectorId: string;
  connectorName: string;
  systemId: string;
  environment: Environment;
  timeZone: string;
  dateFormat: string;
  status: ConnectorStatus;
  reason: string;
  message: string;
  startedAt: Date;
  endedAt: Date | null;
  /** Failed sync runs of the connector's services that started during the incident. */
  failedSyncs: number;
};

type Raw = {
  id: number | string;
  connector_id: string;
  connector_name: string;
  system_id: string;
  environment: Environment;
  time_zone: string;
  date_format: string;
  status: ConnectorStatus;
  reason: string;
  message: string;
  started_at: string | Date;
  ended_at: string | Date | null;
  failed_syncs?: number | string;
};

/**
 * The incidents matching the filters, as a derived table. The organisation's failing changes come from
 * status_events_org_incident_idx (or status_events_connector_at_idx for one connector); each one's end is the
 * connector's next change, one probe of status_events_connector_at_idx.
 */
function incidentsOf(orgId: string, f: IncidentFilters, now: Date): SQL {
  const where: SQL[] = [sql`e.org_id = ${orgId}`, sql`e.to_status <> 'operational'`];
  if (f.status) where.push(sql`e.to_status = ${f.status}`);
  if (f.connectorId) where.push(sql`e.connector_id = ${f.connectorId}`);
  if (f.systemId) where.push(sql`c.system_id = ${f.systemId}`);
  if (f.environment) where.push(sql`c.environment = ${f.environment}`);
  if (f.to) where.push(sql`e.at < ${at(f.to)}`);
  const overlaps = f.from ? sql`where i.ended_at is null or i.ended_at > ${at(f.from)}` : sql``;
  return sql`(select * from (
      select e.id, e.connector_id, c.name as connector_name, c.system_id, c.environment, c.time_zone, c.date_format,
        e.to_status as status, e.reason, e.message, e.at as started_at, n.at as ended_at
      from status_events e
      join connectors c on c.id = e.connector_id and c.org_id = ${orgId}
      left join lateral (
        select n.at from status_events n
        where n.connector_id = e.connector_id and n.at >= e.at and (n.at > e.at or n.id > e.id)
        order by n.at, n.id limit 1
      ) n on true
      where ${sql.join(where, sql` and `)} and e.at <= ${at(now)}
    ) i ${overlaps})`;
}

const toRow = (r: Raw): IncidentRow => ({
  id: Number(r.id),
  connectorId: r.connector_id,
  connectorName: r.connector_name,
  systemId: r.system_id,
  environment: r.environment,
  timeZone: r.time_zone,
  dateFormat: r.date_format,
  status: r.status,
  reason: r.reason,
  message: r.message,
  startedAt: new Date(r.started_at),
  endedAt: r.ended_at === null ? null : new Date(r.ended_at),
  failedSyncs: Number(r.failed_syncs ?? 0),
});

/**
 * One page of incidents, ongoing first, then newest first, each with its failed syncs: runs with status failed of the
 * services using the connector (source or destination), started between the incident's start and its end (or now),
 * counted from sync_runs_service_failed_idx.
 */
export async function listIncidents(
  db: DbOrTx,
  {
    orgId,
    filters,
    limit,
    offset = 0,
    now = new Date(),
  }: { orgId: string; filters: IncidentFilters; limit: number; offset?: number; now?: Date },
): Promise<IncidentRow[]> {
  const rows = await executeRows<Raw>(
    db,
    sql`select i.*, (
        select count(*) from sync_runs r
        where r.status = 'failed' and r.org_id = ${orgId}
          and r.service_id in (
            select s.id from services s
            where s.org_id = ${orgId} and (s.source_connector_id = i.connector_id or s.destination_connector_id = i.connector_id)
          )
          and r.started_at >= i.started_at and r.started_at < coalesce(i.ended_at, ${at(now)})
      ) as failed_syncs
    from ${incidentsOf(orgId, filters, now)} i
    order by (i.ended_at is null) desc, i.started_at desc, i.id desc
    limit ${limit} offset ${offset}`,
  );
  return rows.map(toRow);
}

export async function countIncidents(
  db: DbOrTx,
  { orgId, filters, now = new Date() }: { orgId: string; filters: IncidentFilters; now?: Date },
): Promise<number> {
  const rows = await executeRows<{ n: number | string }>(
    db,
    sql`select count(*) as n from ${incidentsOf(orgId, filters, now)} i`,
  );
  return Number(rows.at(0)?.n ?? 0);
}

/** The systems the organisation's connectors use, for the system filter. */
export async function listIncidentSystems(db: DbOrTx, { orgId }: { orgId: string }): Promise<string[]> {
  const rows = await executeRows<{ system_id: string }>(
    db,
    sql`select distinct system_id from connectors where org_id = ${orgId} order by system_id`,
  );
  return rows.map((r) => r.system_id);
}
