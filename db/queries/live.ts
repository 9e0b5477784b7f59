import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { connectors, statusEvents } from "@/db/schema";

/**
 * What open pages poll to learn whether they are stale (app/api/live): one small indexed read per tab per interval.
 * Each answer is an opaque version that changes when the page would show something different.
 */

/**
 * The organisation's latest confirmed status change (status_events id; every change the sweep, "Check now" or a save
 * records inserts one). Index-only backward scan of status_events_org_id_idx: one tuple, whatever the data size.
 */
export async function getOrgStatusVersion(db: Db, { orgId }: { orgId: string }): Promise<string> {
  const [row] = await db
    .select({ id: sql<string | null>`max(${statusEvents.id})::text` })
    .from(statusEvents)
    .where(eq(statusEvents.orgId, orgId));
  return `s${row.id ?? 0}`;
}

/**
 * One connector's displayed state (primary-key read): changes with its status and with every check (the summary shows
 * the last and next check), or null when it is not one of the organisation's connectors.
 */
export async function getConnectorVersion(
  db: Db,
  { orgId, connectorId }: { orgId: string; connectorId: string },
): Promise<string | null> {
  const rows = await db
    .select({
      status: connectors.status,
      lastCheckedAt: connectors.lastCheckedAt,
      nextCheckAt: connectors.nextCheckAt,
      updatedAt: connectors.updatedAt,
    })
    .from(connectors)
    .where(and(eq(connectors.id, connectorId), eq(connectors.orgId, orgId)))
    .limit(1);
  const row = rows.at(0);
  return row ? connectorVersion(row) : null;
}

/** The version of a connector row already read (a summary page renders from it: no second read). */
export function connectorVersion(row: {
  status: string;
  lastCheckedAt: Date | null;
  nextCheckAt: Date | null;
  updatedAt: Date | null;
}): string {
  const ms = (d: Date | null) => d?.getTime() ?? 0;
  return `c${row.status}.${ms(row.lastCheckedAt)}.${ms(row.nextCheckAt)}.${ms(row.updatedAt)}`;
}
