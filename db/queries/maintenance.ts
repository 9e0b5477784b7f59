import { and, asc, eq, gt, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { preparedQuery } from "@/db/prepared-query";
import { connectors, type MaintenanceKind, maintenanceWindows } from "@/db/schema";
import { at } from "./sql-time";

/** Pauses and maintenance windows of connectors, and the per-connector check interval. Always scoped by organisation. */
type Scope = { orgId: string; connectorId: string };

/**
 * "This connector is in a pause or maintenance window right now", for a WHERE clause (the sweep's claim, reminders).
 * `connectorId` must be table-qualified (Drizzle leaves a single table's columns bare, and `id` would then mean the
 * window's own id). Backed by maintenance_windows_connector_idx.
 */
export const inWindowNow = (connectorId: SQL) =>
  sql`exists (select 1 from ${maintenanceWindows} mw where mw.connector_id = ${connectorId}
    and mw.starts_at <= now() and (mw.ends_at is null or mw.ends_at > now()))`;

const activeNow = and(
  lte(maintenanceWindows.startsAt, sql`now()`),
  or(isNull(maintenanceWindows.endsAt), gt(maintenanceWindows.endsAt, sql`now()`)),
);

export type WindowRow = {
  id: string;
  kind: MaintenanceKind;
  startsAt: Date;
  endsAt: Date | null;
  reason: string;
  createdByName: string;
};
const windowColumns = {
  id: maintenanceWindows.id,
  kind: maintenanceWindows.kind,
  startsAt: maintenanceWindows.startsAt,
  endsAt: maintenanceWindows.endsAt,
  reason: maintenanceWindows.reason,
  createdByName: maintenanceWindows.createdByName,
};

/** The connector's name and whether it belongs to the organisation (undefined: it does not). */
export async function findConnectorForMaintenance(db: DbOrTx, { orgId, connectorId }: Scope) {
  const rows = await db
    .select({
      id: connectors.id,
      name: connectors.name,
      timeZone: connectors.timeZone,
      dateFormat: connectors.dateFormat,
      checkIntervalMinutes: connectors.checkIntervalMinutes,
    })
    .from(connectors)
    .where(and(eq(connectors.orgId, orgId), eq(connectors.id, connectorId)))
    .limit(1);
  return rows.at(0);
}

/** Windows that are active now or still to come, soonest first. */
export function listCurrentWindows(db: DbOrTx, { orgId, connectorId }: Scope): Promise<WindowRow[]> {
  return db
    .select(windowColumns)
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.orgId, orgId),
        eq(maintenanceWindows.connectorId, connectorId),
        or(isNull(maintenanceWindows.endsAt), gt(maintenanceWindows.endsAt, sql`now()`)),
      ),
    )
    .orderBy(asc(maintenanceWindows.startsAt));
}

/** A window in force, with the connector's zone and date format to show its end in. */
export type ActiveWindow = WindowRow & { timeZone: string; dateFormat: string };

/** One statement however many connectors a page shows (their ids as one array), built once (db/prepared-query.ts). */
const activeWindows = preparedQuery("active-windows", (db) => {
  const orgId = sql.placeholder("orgId");
  return db
    .select({
      ...windowColumns,
      connectorId: maintenanceWindows.connectorId,
      timeZone: connectors.timeZone,
      dateFormat: connectors.dateFormat,
    })
    .from(maintenanceWindows)
    .innerJoin(connectors, and(eq(connectors.id, maintenanceWindows.connectorId), eq(connectors.orgId, orgId)))
    .where(
      and(
        eq(maintenanceWindows.orgId, orgId),
        sql`${maintenanceWindows.connectorId} = any(string_to_array(${sql.placeholder("ids")}, ',')::uuid[])`,
        activeNow,
      ),
    )
    .orderBy(asc(maintenanceWindows.startsAt));
});

/** The window each of these connectors is in right now (a pause wins over maintenance), by connector id. */
export async function activeWindowsOf(
  db: DbOrTx,
  { orgId, connectorIds }: { orgId: string; connectorIds: string[] },
): Promise<Map<string, ActiveWindow>> {
  if (connectorIds.length === 0) return new Map();
  const rows = await activeWindows(db, { orgId, ids: connectorIds.join(",") });
  const out = new Map<string, ActiveWindow>();
  for (const { connectorId, ...w } of rows) {
    const seen = out.get(connectorId);
    if (!seen || (seen.kind === "maintenance" && w.kind === "pause")) out.set(connectorId, w);
  }
  return out;
}

/** Which of these connectors (any organisation: the recording path) are in a window right now. */
export async function connectorsInWindowNow(db: DbOrTx, connectorIds: string[]): Promise<Set<string>> {
  if (connectorIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ id: maintenanceWindows.connectorId })
    .from(maintenanceWindows)
    .where(and(inArray(maintenanceWindows.connectorId, connectorIds), activeNow));
  return new Set(rows.map((r) => r.id));
}

/**
 * The connector's windows overlapping [from, to] as one multirange (null: none), for leaving paused and maintenance
 * time out of uptime: `not coalesce(ranges @> checked_at, false)`. A window covers [starts_at, ends_at), with no end
 * while ends_at is null. Read once per statement, each check then costs a look-up in it, where an anti-join against
 * the windows rescanned them for every check (a busy connector has ~8,600 checks in 30 days; PGlite scanned the
 * table once per check).
 */
export const windowRanges = (connectorId: string, { from, to }: { from: Date; to: Date }) =>
  sql`(select range_agg(tstzrange(mw.starts_at, mw.ends_at)) from ${maintenanceWindows} mw
    where mw.connector_id = ${connectorId} and mw.starts_at <= ${at(to)} and (mw.ends_at is null or mw.ends_at > ${at(from)}))`;

export async function insertWindow(
  db: DbOrTx,
  row: Scope & {
    kind: MaintenanceKind;
    startsAt: Date | "now";
    endsAt: Date | null;
    reason: string;
    createdById: string;
    createdByName: string;
  },
): Promise<WindowRow> {
  const [created] = await db
    .insert(maintenanceWindows)
    .values({ ...row, startsAt: row.startsAt === "now" ? sql`now()` : row.startsAt })
    .returning(windowColumns);
  return created;
}

/** Ends the connector's active pauses now; returns what was ended (none: it was not paused). */
export function endActivePauses(db: DbOrTx, { orgId, connectorId }: Scope): Promise<WindowRow[]> {
  return db
    .update(maintenanceWindows)
    .set({ endsAt: sql`greatest(now(), ${maintenanceWindows.startsAt} + interval '1 millisecond')` })
    .where(
      and(
        eq(maintenanceWindows.orgId, orgId),
        eq(maintenanceWindows.connectorId, connectorId),
        eq(maintenanceWindows.kind, "pause"),
        activeNow,
      ),
    )
    .returning(windowColumns);
}

/** Deletes a maintenance window that has not started yet; returns it (undefined: none such). */
export async function deleteUpcomingWindow(db: DbOrTx, { orgId, connectorId, id }: Scope & { id: string }) {
  const rows = await db
    .delete(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.orgId, orgId),
        eq(maintenanceWindows.connectorId, connectorId),
        eq(maintenanceWindows.id, id),
        gt(maintenanceWindows.startsAt, sql`now()`),
      ),
    )
    .returning(windowColumns);
  return rows.at(0);
}

/**
 * Sets the check interval (null = the default) and brings the next check forward when the new interval is shorter,
 * so a connector backing off for an hour does not wait it out after someone asks for checks every minute.
 */
export async function setCheckInterval(db: DbOrTx, { orgId, connectorId }: Scope, minutes: number | null) {
  const rows = await db
    .update(connectors)
    .set({
      checkIntervalMinutes: minutes,
      ...(minutes !== null
        ? { nextCheckAt: sql`least(${connectors.nextCheckAt}, now() + make_interval(mins => ${minutes}))` }
        : {}),
    })
    .where(and(eq(connectors.orgId, orgId), eq(connectors.id, connectorId)))
    .returning({ id: connectors.id });
  return rows.length > 0;
}

/** Names of those of `ids` that are the organisation's connectors (the others are absent from the map). */
export async function connectorNamesIn(db: DbOrTx, { orgId, ids }: { orgId: string; ids: string[] }) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: connectors.id, name: connectors.name })
    .from(connectors)
    .where(and(eq(connectors.orgId, orgId), inArray(connectors.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
