import { and, asc, count, eq, gt, ilike, inArray, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { preparedQuery } from "@/db/prepared-query";
import { keptConnectorCounts } from "@/db/queries/connector-counts";
import {
  companyGroups,
  connectors,
  type ConnectorStatus,
  type Environment,
  STATUS_ORDER,
  statusRank,
} from "@/db/schema";

type Scope = { orgId: string; id: string };
const byId = ({ orgId, id }: Scope) => and(eq(connectors.orgId, orgId), eq(connectors.id, id));

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

/** The search: names containing `q`, case-insensitive, its wildcards taken literally (an ILIKE pattern). */
const namePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Which of the list's filters are set: each combination is one statement, its values placeholders. */
type ListShape = { environment: boolean; status: boolean; q: boolean };

/**
 * One query per shape of the list's filters (and `variant`: the order), built once per database handle and kept
 * prepared whatever the values (db/prepared-query.ts): at most 2 x 2 x 2 per variant.
 */
function perShape<P extends Record<string, unknown>, R>(
  name: string,
  build: (
    db: DbOrTx,
    shape: ListShape,
    variant: string,
  ) => { prepare(name: string): { execute(values: P): Promise<R> } },
) {
  const built = new Map<string, (db: DbOrTx, values: P) => Promise<R>>();
  return ({ environment, status, q }: ListFilters, variant = "") => {
    const shape = { environment: Boolean(environment), status: Boolean(status), q: Boolean(q) };
    const key = `${Number(shape.environment)}${Number(shape.status)}${Number(shape.q)}${variant}`;
    let query = built.get(key);
    if (!query) {
      query = preparedQuery(`${name}-${key}`, (db) => build(db, shape, variant));
      built.set(key, query);
    }
    return query;
  };
}

const listValues = ({ orgId, environment, status, q }: ListFilters) => ({
  orgId,
  ...(environment ? { environment } : {}),
  ...(status ? { status } : {}),
  ...(q ? { pattern: namePattern(q) } : {}),
});
const nameMatches = ilike(connectors.name, sql.placeholder("pattern"));

function listWhere(shape: ListShape) {
  return and(
    eq(connectors.orgId, sql.placeholder("orgId")),
    shape.environment ? eq(connectors.environment, sql.placeholder("environment")) : undefined,
    shape.status ? eq(connectors.status, sql.placeholder("status")) : undefined,
    shape.q ? nameMatches : undefined,
  );
}

const connectorsByName = perShape("connectors-by-name", (db, shape) =>
  db
    .select(connectorSummaryColumns)
    .from(connectors)
    .innerJoin(companyGroups, eq(companyGroups.id, connectors.companyGroupId))
    .where(listWhere(shape))
    .orderBy(asc(connectors.name)),
);

export function listConnectors(db: Db, filters: ListFilters) {
  return connectorsByName(filters)(db, listValues(filters));
}

export const CONNECTORS_PAGE_SIZE = 60;

export { STATUS_ORDER };

export type ConnectorSort = "problems" | "name";

/**
 * One page of the connector list, problems first (unreachable, failed authentication, not checked, operational), then
 * by name (id breaks ties), or by name alone; with the total, counted unless the caller has (countConnectorsForList).
 * A page past the end shows the last page.
 */
export async function listConnectorsPage(
  db: Db,
  {
    page = 1,
    pageSize = CONNECTORS_PAGE_SIZE,
    sort = "problems",
    total: counted,
    ...filters
  }: ListFilters & { page?: number; pageSize?: number; sort?: ConnectorSort; total?: number },
) {
  const values = listValues(filters);
  const total = counted ?? (await listCount(filters)(db, values))[0].total;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = await listPage(filters, sort)(db, { ...values, limit: pageSize, offset: (current - 1) * pageSize });
  return { rows, total, page: current, pageCount, pageSize };
}

const listCount = perShape("connector-list-count", (db, shape) =>
  db.select({ total: count() }).from(connectors).where(listWhere(shape)),
);
const listPage = perShape("connector-list-page", (db, shape, sort) => {
  const byName = [asc(connectors.name), asc(connectors.id)];
  return db
    .select(connectorSummaryColumns)
    .from(connectors)
    .innerJoin(companyGroups, eq(companyGroups.id, connectors.companyGroupId))
    .where(listWhere(shape))
    .orderBy(...(sort === "name" ? byName : [asc(statusRank(connectors.status)), ...byName]))
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"));
});

/**
 * Every count the list shows: what each tab shows with the filters (`tabs`), the tab's status overview with the search
 * but not the status filter it sets (`overview`), and each tab without any filter (`totals`). The current tab's `tabs`
 * count is its page's total. Without a search they are the kept counts (db/queries/connector-counts.ts); a search
 * counts the organisation's connectors by name in one pass.
 */
export async function countConnectorsForList(
  db: Db,
  { orgId, environment, status, q }: ListFilters & { environment: Environment },
): Promise<{
  tabs: Record<Environment, number>;
  overview: Record<ConnectorStatus, number>;
  totals: Record<Environment, number>;
}> {
  const rows = q
    ? await searchCounts(db, listValues({ orgId, q }))
    : (await keptConnectorCounts(db, { orgId })).map((r) => ({ ...r, matching: r.n }));
  const tabs = { live: 0, test: 0 };
  const totals = { live: 0, test: 0 };
  const overview: Record<ConnectorStatus, number> = { unreachable: 0, auth_failed: 0, unknown: 0, operational: 0 };
  for (const r of rows) {
    totals[r.environment] += r.n;
    if (!status || r.status === status) tabs[r.environment] += r.matching;
    if (r.environment === environment) overview[r.status] += r.matching;
  }
  return { tabs, overview, totals };
}

const searchCounts = preparedQuery("connector-search-counts", (db) =>
  db
    .select({
      environment: connectors.environment,
      status: connectors.status,
      n: count(),
      matching: sql<number>`count(*) filter (where ${nameMatches})`.mapWith(Number),
    })
    .from(connectors)
    .where(eq(connectors.orgId, sql.placeholder("orgId")))
    .groupBy(connectors.environment, connectors.status),
);

/** One connector's safe columns (never the credentials envelope), scoped by organisation: every connector page's header (db/prepared-query.ts). */
const connectorSummary = preparedQuery("connector-summary", (db) =>
  db
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
      updatedAt: connectors.updatedAt,
    })
    .from(connectors)
    .innerJoin(companyGroups, eq(companyGroups.id, connectors.companyGroupId))
    .where(and(eq(connectors.orgId, sql.placeholder("orgId")), eq(connectors.id, sql.placeholder("id"))))
    .limit(1),
);

export async function getConnectorSummary(db: Db, scope: { orgId: string; id: string }) {
  return (await connectorSummary(db, scope)).at(0);
}
export type ConnectorSummary = NonNullable<Awaited<ReturnType<typeof getConnectorSummary>>>;

/** A connector of the organisation with every column, credentials envelope included (server-side only). */
export async function getConnector(db: DbOrTx, scope: Scope) {
  const row = (await db.select().from(connectors).where(byId(scope)).limit(1)).at(0);
  return row;
}

/** The connector a company group already holds for a system and environment, if any. */
export async function findConnectorInGroup(
  db: DbOrTx,
  {
    orgId,
    companyGroupId,
    systemId,
    environment,
  }: { orgId: string; companyGroupId: string; systemId: string; environment: Environment },
) {
  const row = (
    await db
      .select({ id: connectors.id, name: connectors.name })
      .from(connectors)
      .where(
        and(
          eq(connectors.orgId, orgId),
          eq(connectors.companyGroupId, companyGroupId),
          eq(connectors.systemId, systemId),
          eq(connectors.environment, environment),
        ),
      )
      .limit(1)
  ).at(0);
  return row;
}

/** Every connector's name and place (group, system, environment): what the add-connector wizard checks against. */
export function listPlacedConnectors(db: DbOrTx, { orgId }: { orgId: string }) {
  return db
    .select({
      id: connectors.id,
      name: connectors.name,
      companyGroupId: connectors.companyGroupId,
      systemId: connectors.systemId,
      environment: connectors.environment,
    })
    .from(connectors)
    .where(eq(connectors.orgId, orgId))
    .orderBy(asc(connectors.name));
}

/** Whether another connector of the organisation has this name, ignoring case (names are unique that way). */
export async function connectorNameTaken(
  db: DbOrTx,
  { orgId, name, exceptId }: { orgId: string; name: string; exceptId?: string },
) {
  const row = (
    await db
      .select({ id: connectors.id })
      .from(connectors)
      .where(
        and(
          eq(connectors.orgId, orgId),
          sql`lower(${connectors.name}) = ${name.toLowerCase()}`,
          exceptId ? sql`${connectors.id} <> ${exceptId}` : undefined,
        ),
      )
      .limit(1)
  ).at(0);
  return !!row;
}

export type NewConnector = typeof connectors.$inferInsert & { id: string; orgId: string };

/** Adds one connector, or several in one statement. */
export async function insertConnector(db: DbOrTx, values: NewConnector | NewConnector[]) {
  await db.insert(connectors).values(Array.isArray(values) ? values : [values]);
}

/** The settings of the General form. */
export async function setConnectorGeneral(
  db: DbOrTx,
  scope: Scope,
  values: { name: string; timeZone: string; dateFormat: string },
) {
  await db
    .update(connectors)
    .set({ ...values, updatedAt: new Date() })
    .where(byId(scope));
}

/**
 * Stores new credentials (an encrypted envelope and its key id). The flap state and failure count start afresh: they
 * described the previous credentials.
 */
export async function replaceConnectorCredentials(
  db: DbOrTx,
  scope: Scope,
  values: { authType: string; credentials: string; credentialsKeyId: string },
) {
  await db
    .update(connectors)
    .set({ ...values, pendingStatus: null, pendingCount: 0, consecutiveFailures: 0, updatedAt: new Date() })
    .where(byId(scope));
}

export async function deleteConnectorRow(db: DbOrTx, scope: Scope) {
  await db.delete(connectors).where(byId(scope));
}

/** Which notification group hears about the connector (null: the administrators); false when there is no connector. */
export async function setConnectorNotificationGroupId(db: DbOrTx, scope: Scope, groupId: string | null) {
  const rows = await db
    .update(connectors)
    .set({ notificationGroupId: groupId })
    .where(byId(scope))
    .returning({ id: connectors.id });
  return rows.length > 0;
}

export async function getConnectorNotificationGroupId(db: DbOrTx, scope: Scope) {
  const row = (
    await db.select({ groupId: connectors.notificationGroupId }).from(connectors).where(byId(scope)).limit(1)
  ).at(0);
  return row?.groupId;
}

/** Makes the connector due for a check now, storing a new credentials envelope first when one is given. */
export async function scheduleConnectorCheckNow(
  db: DbOrTx,
  scope: Scope,
  envelope?: { credentials: string; credentialsKeyId: string },
) {
  await db
    .update(connectors)
    .set({ ...envelope, nextCheckAt: new Date() })
    .where(byId(scope));
}

/**
 * Key rotation works across organisations (an operator's job, not a user's request): a batch of connectors whose
 * credentials are not under `keyId`, by id after `after`. Writes still carry each row's org_id.
 */
export function listConnectorsNotUnderKey(
  db: DbOrTx,
  { keyId, after, limit }: { keyId: string; after: string; limit: number },
) {
  return db
    .select({ id: connectors.id, orgId: connectors.orgId, credentials: connectors.credentials })
    .from(connectors)
    .where(and(ne(connectors.credentialsKeyId, keyId), gt(connectors.id, after)))
    .orderBy(asc(connectors.id))
    .limit(limit);
}

/** Replaces the envelope only if it is still `previous` (a save meanwhile wins); answers whether it did. */
export async function reencryptConnectorCredentials(
  db: DbOrTx,
  { orgId, id, previous, next }: Scope & { previous: string; next: { credentials: string; credentialsKeyId: string } },
) {
  const rows = await db
    .update(connectors)
    .set(next)
    .where(and(byId({ orgId, id }), eq(connectors.credentials, previous)))
    .returning({ id: connectors.id });
  return rows.length > 0;
}

/** The organisation's connectors among these ids (ids of other organisations find nothing). */
export function listConnectorsByIds(db: DbOrTx, { orgId, ids }: { orgId: string; ids: string[] }) {
  return db
    .select({
      id: connectors.id,
      name: connectors.name,
      systemId: connectors.systemId,
      environment: connectors.environment,
    })
    .from(connectors)
    .where(and(eq(connectors.orgId, orgId), inArray(connectors.id, ids)));
}
