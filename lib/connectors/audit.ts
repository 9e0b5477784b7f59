import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { auditEvents } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import type { AuditAction } from "./audit-actions";

export type { AuditAction } from "./audit-actions";

/**
 * Written in the same transaction as the change it describes; a refusal (connector.credentials_refused) is written on
 * its own, since nothing else is. `fields` names fields; values never go here.
 */
export async function recordAudit(
  db: Db | Tx,
  actor: SessionUser,
  entry: { action: AuditAction; summary: string; connectorId?: string | null; connectorName?: string; fields?: string[] },
) {
  await db.insert(auditEvents).values({
    orgId: actor.orgId,
    actorId: actor.id,
    actorName: actor.name,
    action: entry.action,
    summary: entry.summary,
    connectorId: entry.connectorId ?? null,
    connectorName: entry.connectorName ?? null,
    fields: entry.fields ?? [],
  });
}

export function listConnectorAudit(db: Db, { orgId, connectorId, limit = 20 }: { orgId: string; connectorId: string; limit?: number }) {
  return db
    .select({ id: auditEvents.id, at: auditEvents.at, actorName: auditEvents.actorName, action: auditEvents.action, summary: auditEvents.summary, fields: auditEvents.fields })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.connectorId, connectorId)))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
}
