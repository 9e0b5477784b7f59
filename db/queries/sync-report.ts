import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import { connectors, services, type SyncStatus, syncRuns } from "@/db/schema";
import { usesConnector } from "./connector-summary";
import { at } from "./sql-time";

/** What a report query filters on (lib/sync-reports/filters.ts parses a request into this, and more). */
export interface ReportFilters {
  start: Date;
  /** Exclusive. */
  end: Date;
  status?: SyncStatus;
  systemId?: string;
  connectorId?: string;
  serviceId?: string;
  /** The start of an external id. */
  q?: string;
  /** A reference the run carries: exactly this one, or (refPrefix) any starting with it. */
  ref?: string;
  refPrefix?: boolean;
}

const source = alias(connectors, "source");
const destination = alias(connectors, "destination");
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The services the system, connector and service filters leave (null: those filters are not set). */
export type ReportScope = { serviceIds: string[] | null };

/**
 * Resolves system, connector and service filters to the organisation's matching service ids first, so the main query
 * gets literal ids the planner can estimate. (As a subquery it guessed "one service" and read every run of each
 * matching service before sorting: 90 ms at a million rows, growing with the window.)
 */
export async function resolveReportScope(db: Db, orgId: string, f: ReportFilters): Promise<ReportScope> {
  if (!f.systemId && !f.connectorId && !f.serviceId) return { serviceIds: null };
  const rows = await db
    .select({ id: services.id })
    .from(services)
    .innerJoin(source, eq(source.id, services.sourceConnectorId))
    .innerJoin(destination, eq(destination.id, services.destinationConnectorId))
    .where(
      and(
        eq(services.orgId, orgId),
        f.serviceId ? eq(services.id, f.serviceId) : undefined,
        f.systemId ? or(eq(source.systemId, f.systemId), eq(destination.systemId, f.systemId)) : undefined,
        f.connectorId ? usesConnector({ orgId, connectorId: f.connectorId }) : undefined,
      ),
    );
  return { serviceIds: rows.map((r) => r.id) };
}

/**
 * Every report query starts from org_id and a started_at range, so Postgres can walk (org_id, started_at) newest
 * first and stop after one page; the other filters narrow the rows it meets.
 */
export function reportWhere(orgId: string, f: ReportFilters, scope: ReportScope): SQL {
  return (
    and(
      eq(syncRuns.orgId, orgId),
      sql`${syncRuns.startedAt} >= ${at(f.start)}`,
      sql`${syncRuns.startedAt} < ${at(f.end)}`,
      f.status ? eq(syncRuns.status, f.status) : undefined,
      scope.serviceIds === null
        ? undefined
        : scope.serviceIds.length
          ? inArray(syncRuns.serviceId, scope.serviceIds)
          : sql`false`,
      // "Starts with" covers an exact id too; escaped so % and _ in an id are literal.
      f.q ? sql`${syncRuns.externalId} like ${`${escapeLike(f.q)}%`}` : undefined,
      f.ref ? referenceMatch(orgId, f.ref, !!f.refPrefix) : undefined,
    ) ?? sql`true`
  );
}

/**
 * Runs carrying a reference: exact, or prefix (LIKE 'SO-10%', escaped), both a range scan of
 * sync_run_references_org_reference_idx (text_pattern_ops). The matching run ids then meet the window and filters.
 */
function referenceMatch(orgId: string, ref: string, prefix: boolean): SQL {
  const match = prefix ? sql`r.reference like ${`${escapeLike(ref)}%`}` : sql`r.reference = ${ref}`;
  return sql`${syncRuns.id} in (select r.sync_run_id from sync_run_references r where r.org_id = ${orgId} and ${match})`;
}

/** A run's references, sorted (a page of 50 rows reads them through the table's primary key). */
const referencesOf = sql<
  string[]
>`array(select r.reference from sync_run_references r where r.sync_run_id = ${syncRuns.id} order by r.reference)`;

export type ReportCursor = { before?: number; after?: number };

/** The cursor row's position, its start as text to keep the microseconds a JavaScript Date would drop. */
async function cursorPosition(db: Db, orgId: string, id: number) {
  const row = (
    await db
      .select({
        at: sql<string>`to_char(${syncRuns.startedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        id: syncRuns.id,
      })
      .from(syncRuns)
      .where(and(eq(syncRuns.id, id), eq(syncRuns.orgId, orgId)))
  ).at(0);
  return row;
}

/**
 * One page, newest first. `before` = the rows older than that row; `after` = the rows newer than it (read upwards,
 * then flipped). One extra row tells whether another page exists in the direction of travel. A cursor that is not
 * a row of this organisation gives an empty page.
 */
export async function listSyncReport(
  db: Db,
  {
    orgId,
    filters,
    cursor = {},
    pageSize = 50,
    scope,
  }: { orgId: string; filters: ReportFilters; cursor?: ReportCursor; pageSize?: number; scope?: ReportScope },
) {
  const upwards = cursor.after !== undefined && cursor.before === undefined;
  const cursorId = cursor.before ?? cursor.after;
  const pos = cursorId === undefined ? undefined : await cursorPosition(db, orgId, cursorId);
  if (cursorId !== undefined && !pos) return { rows: [], hasNewer: false, hasOlder: false };
  const t = pos && sql`${pos.at}::timestamptz`;
  const keyset = !pos
    ? undefined
    : upwards
      ? sql`${syncRuns.startedAt} >= ${t} and (${syncRuns.startedAt}, ${syncRuns.id}) > (${t}, ${pos.id})`
      : sql`${syncRuns.startedAt} <= ${t} and (${syncRuns.startedAt}, ${syncRuns.id}) < (${t}, ${pos.id})`;
  const rows = await db
    .select({
      id: syncRuns.id,
      externalId: syncRuns.externalId,
      status: syncRuns.status,
      startedAt: syncRuns.startedAt,
      finishedAt: syncRuns.finishedAt,
      pulledCount: syncRuns.pulledCount,
      pushedCount: syncRuns.pushedCount,
      errorMessage: syncRuns.errorMessage,
      references: referencesOf,
      serviceId: services.id,
      serviceName: services.name,
      environment: source.environment,
      sourceName: source.name,
      sourceSystemId: source.systemId,
      destinationName: destination.name,
      destinationSystemId: destination.systemId,
    })
    .from(syncRuns)
    .innerJoin(services, and(eq(services.id, syncRuns.serviceId), eq(services.orgId, orgId)))
    .innerJoin(source, eq(source.id, services.sourceConnectorId))
    .innerJoin(destination, eq(destination.id, services.destinationConnectorId))
    .where(and(reportWhere(orgId, filters, scope ?? (await resolveReportScope(db, orgId, filters))), keyset))
    .orderBy(...(upwards ? [asc(syncRuns.startedAt), asc(syncRuns.id)] : [desc(syncRuns.startedAt), desc(syncRuns.id)]))
    .limit(pageSize + 1);
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (upwards) page.reverse();
  return { rows: page, hasNewer: upwards ? more : !!pos, hasOlder: upwards ? true : more };
}
export type SyncReportRow = Awaited<ReturnType<typeof listSyncReport>>["rows"][number];

/** How many rows match, counted up to `cap` only: an exact count of a busy organisation's 15 days costs too much. */
export async function countSyncReport(
  db: Db,
  { orgId, filters, cap = 10_000, scope }: { orgId: string; filters: ReportFilters; cap?: number; scope?: ReportScope },
) {
  const where = reportWhere(orgId, filters, scope ?? (await resolveReportScope(db, orgId, filters)));
  const capped = db
    .select({ one: sql`1`.as("one") })
    .from(syncRuns)
    .where(where)
    .limit(cap + 1)
    .as("capped");
  const [{ n }] = await db.select({ n: count() }).from(capped);
  return { count: Math.min(n, cap), capped: n > cap };
}

/** Every matching row, newest first, in keyset batches: memory stays flat however many rows the export holds. */
export async function* iterateSyncReport(
  db: Db,
  { orgId, filters, batchSize = 1000 }: { orgId: string; filters: ReportFilters; batchSize?: number },
) {
  const scope = await resolveReportScope(db, orgId, filters);
  let before: number | undefined;
  for (;;) {
    const { rows, hasOlder } = await listSyncReport(db, {
      orgId,
      filters,
      scope,
      cursor: { before },
      pageSize: batchSize,
    });
    yield* rows;
    if (!hasOlder || rows.length === 0) return;
    before = rows[rows.length - 1].id;
  }
}

/** Services of the organisation, for the filter menu. */
export function listReportServices(db: Db, { orgId }: { orgId: string }) {
  return db
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(eq(services.orgId, orgId))
    .orderBy(asc(sql`lower(${services.name})`));
}

/** Connectors of the organisation, for the system and connector menus. */
export function listReportConnectors(db: Db, { orgId }: { orgId: string }) {
  return db
    .select({
      id: connectors.id,
      name: connectors.name,
      systemId: connectors.systemId,
      environment: connectors.environment,
    })
    .from(connectors)
    .where(eq(connectors.orgId, orgId))
    .orderBy(asc(sql`lower(${connectors.name})`));
}
