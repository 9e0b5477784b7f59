import { and, asc, count, desc, eq, or, type Placeholder, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { preparedQuery } from "@/db/prepared-query";
import { connectors, services, syncRuns } from "@/db/schema";
import { failedRunsSince, type SyncTotalsPair, syncTotalsByConnector } from "./sync-totals";
import { utcHourStart } from "./sql-time";

/**
 * Summary tab figures about the syncs of the services that use a connector, as source or destination. Every query
 * joins services on the organisation too, so a connector id of another organisation finds nothing.
 */
type Scope = { orgId: string; connectorId: string };
/** A value, or its placeholder in a query built once (db/prepared-query.ts). */
type Value<T> = T | Placeholder;
const placeholders = { orgId: sql.placeholder("orgId"), connectorId: sql.placeholder("connectorId") };
export type Direction = "source" | "destination" | "both";

/** Services of the organisation using the connector; a service that is both source and destination matches once. */
export function usesConnector({ orgId, connectorId }: { orgId: Value<string>; connectorId: Value<string> }): SQL {
  const either = or(eq(services.sourceConnectorId, connectorId), eq(services.destinationConnectorId, connectorId));
  return sql`(${eq(services.orgId, orgId)} and ${either})`;
}

/** "source" = data is pulled from this connector; "destination" = pushed to it. */
export const directionOf = (connectorId: Value<string>) =>
  sql<Direction>`case when ${services.sourceConnectorId} = ${connectorId} and ${services.destinationConnectorId} = ${connectorId} then 'both'
    when ${services.sourceConnectorId} = ${connectorId} then 'source' else 'destination' end`;

/** The Summary tab's totals of one connector (see syncTotalsByConnector). */
export async function getSyncTotals(
  db: Db,
  { now = new Date(), orgId, connectorId }: Scope & { now?: Date },
): Promise<SyncTotalsPair> {
  const totals = await syncTotalsByConnector(db, { orgId, ids: [connectorId], now });
  return totals.get(connectorId) as SyncTotalsPair; // every asked id has an entry
}

const connectorServices = preparedQuery("connector-services", (db) =>
  db
    .select({
      id: services.id,
      name: services.name,
      active: services.active,
      direction: directionOf(placeholders.connectorId),
    })
    .from(services)
    .where(usesConnector(placeholders))
    .orderBy(asc(sql`lower(${services.name})`)),
);

/** Services that hold the connector as source or destination, active or not, by name. */
export function listConnectorServices(db: DbOrTx, scope: Scope) {
  return connectorServices(db, scope);
}

/**
 * The summary lists the newest failures five to a page, each linking to its own page with the whole error; the sync
 * report lists them all with filters (and resyncs up to 50 at once). Five keeps the summary page light.
 */
export const FAILED_SYNCS_PAGE_SIZE = 5;
const SUMMARY_MAX = 160;

/** The first non-blank line of an error, capped so one long stack trace cannot stretch the table. */
export function summariseError(message: string | null): string {
  const line =
    (message ?? "")
      .split(/\r?\n/)
      .find((l) => l.trim())
      ?.trim() ?? "No error message was reported.";
  return line.length > SUMMARY_MAX ? `${line.slice(0, SUMMARY_MAX - 1)}…` : line;
}

/**
 * A failed run in the period. "failed" is written into the statement, not sent as a value: Postgres can then use the
 * indexes kept for failed runs alone (partial, `status = 'failed'`) in the generic plan a statement kept prepared
 * settles on, which cannot know a value's match with an index's condition.
 */
const failedInPeriod = and(
  eq(syncRuns.orgId, placeholders.orgId),
  sql`${syncRuns.status} = 'failed'`,
  sql`${syncRuns.startedAt} >= ${sql.placeholder("since")}::timestamptz`,
  sql`${syncRuns.startedAt} <= ${sql.placeholder("until")}::timestamptz`,
);
const failedSyncsCount = preparedQuery("failed-syncs-count", (db) =>
  db
    .select({ total: count() })
    .from(syncRuns)
    .innerJoin(services, eq(services.id, syncRuns.serviceId))
    .where(and(failedInPeriod, usesConnector(placeholders))),
);
/**
 * The page: for each of the connector's services its newest failed runs, as many as the page needs (offset plus page
 * size, read from sync_runs_service_failed_idx in its order), then the newest of those. The plan no longer depends on
 * how the failures spread over services: the best plan for a hub with 60 busy services (the organisation's newest
 * failures, filtered) and for a connector with a few failures (its services' failures, sorted) differ, and the generic
 * plan Postgres settled on after five runs took 5.3 ms where planning with the values took 0.2 ms (EXPLAIN ANALYZE,
 * 10,000 connectors). This shape reads at most services x (offset + 5) index entries in either plan.
 */
const failedSyncsPage = preparedQuery("failed-syncs-page", (db) => {
  const newest = db
    .select({
      id: syncRuns.id,
      externalId: syncRuns.externalId,
      startedAt: syncRuns.startedAt,
      finishedAt: syncRuns.finishedAt,
      errorMessage: syncRuns.errorMessage,
    })
    .from(syncRuns)
    .where(and(eq(syncRuns.serviceId, services.id), failedInPeriod))
    .orderBy(desc(syncRuns.startedAt), desc(syncRuns.id))
    .limit(sql.placeholder("perService"))
    .as("newest");
  return db
    .select({
      id: newest.id,
      externalId: newest.externalId,
      serviceId: services.id,
      serviceName: services.name,
      direction: directionOf(placeholders.connectorId),
      startedAt: newest.startedAt,
      finishedAt: newest.finishedAt,
      errorMessage: newest.errorMessage,
    })
    .from(services)
    .crossJoinLateral(newest)
    .where(usesConnector(placeholders))
    .orderBy(desc(newest.startedAt), desc(newest.id))
    .limit(FAILED_SYNCS_PAGE_SIZE)
    .offset(sql.placeholder("offset"));
});

/**
 * Failed syncs newest first, one page at a time; a page past the end shows the last page. `since`/`until`: only syncs
 * started in that period (the summary lists the last 7 days, the period its totals name, and passes their failed
 * count as `total` rather than counting the runs again).
 */
export async function listFailedSyncs(
  db: Db,
  {
    page = 1,
    since,
    until,
    total: known,
    ...scope
  }: Scope & { page?: number; since?: Date; until?: Date; total?: number },
) {
  // Without a bound, the period is open on that side.
  const values = {
    ...scope,
    since: since?.toISOString() ?? "-infinity",
    until: until?.toISOString() ?? "infinity",
  };
  const total = known ?? (await failedSyncsCount(db, values))[0].total;
  const pageCount = Math.max(1, Math.ceil(total / FAILED_SYNCS_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const offset = (current - 1) * FAILED_SYNCS_PAGE_SIZE;
  const rows = await failedSyncsPage(db, { ...values, offset, perService: offset + FAILED_SYNCS_PAGE_SIZE });
  return {
    rows: rows.map((r) => ({ ...r, errorSummary: summariseError(r.errorMessage) })),
    total,
    page: current,
    pageCount,
    pageSize: FAILED_SYNCS_PAGE_SIZE,
  };
}
export type FailedSyncsPage = Awaited<ReturnType<typeof listFailedSyncs>>;

/** One sync of a service using the connector, with its whole error: the page a failed sync links to. */
export async function getSyncRun(db: Db, { runId, ...scope }: Scope & { runId: number }) {
  const [row] = await db
    .select({
      id: syncRuns.id,
      externalId: syncRuns.externalId,
      status: syncRuns.status,
      serviceId: services.id,
      serviceName: services.name,
      direction: directionOf(scope.connectorId),
      startedAt: syncRuns.startedAt,
      finishedAt: syncRuns.finishedAt,
      pulledCount: syncRuns.pulledCount,
      pushedCount: syncRuns.pushedCount,
      errorMessage: syncRuns.errorMessage,
    })
    .from(syncRuns)
    .innerJoin(services, eq(services.id, syncRuns.serviceId))
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.orgId, scope.orgId), usesConnector(scope)));
  return row;
}
export type SyncRunDetails = NonNullable<Awaited<ReturnType<typeof getSyncRun>>>;

const impact = preparedQuery("connector-impact", (db) =>
  db
    .select({
      status: connectors.status,
      since: connectors.statusSince,
      failedSyncs: sql<number>`${failedRunsSince(
        placeholders,
        sql`"connectors"."status_since"`,
        sql`${sql.placeholder("thisHour")}::timestamptz`,
      )}`.mapWith(Number),
    })
    .from(connectors)
    .where(and(eq(connectors.orgId, placeholders.orgId), eq(connectors.id, placeholders.connectorId))),
);

/**
 * While a connector is not operational: how many syncs of its services failed since its status changed. Null when
 * it is operational or never checked (there is no outage to measure).
 */
export async function getImpact(db: Db, { now = new Date(), ...scope }: Scope & { now?: Date }) {
  const row = (await impact(db, { ...scope, thisHour: utcHourStart(now).toISOString() })).at(0);
  if (!row || !row.since || row.status === "operational" || row.status === "unknown") return null;
  return { status: row.status, since: row.since, failedSyncs: row.failedSyncs };
}
