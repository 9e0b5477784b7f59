import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { auditEvents } from "@/db/schema";

export type NewAuditEvent = {
  orgId: string;
  actorId: string | null;
  actorName: string;
  action: string;
  summary: string;
  connectorId: string | null;
  connectorName: string | null;
  fields: string[];
};

export async function insertAuditEvent(db: DbOrTx, values: NewAuditEvent) {
  await db.insert(auditEvents).values(values);
}

/** A connector's audit trail, newest first. */
export function listConnectorAudit(
  db: DbOrTx,
  { orgId, connectorId, limit = 20 }: { orgId: string; connectorId: string; limit?: number },
) {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorName: auditEvents.actorName,
      action: auditEvents.action,
      summary: auditEvents.summary,
      fields: auditEvents.fields,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.connectorId, connectorId)))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
}
