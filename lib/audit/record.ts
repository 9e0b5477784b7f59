import type { DbOrTx } from "@/db";
import { insertAuditEvent } from "@/db/queries/audit";
import type { SessionUser } from "@/lib/auth/session-user";
import type { AuditAction } from "./actions";

/**
 * Written in the same transaction as the change it describes; a refusal (connector.credentials_refused) is written on
 * its own, since nothing else is. `fields` names fields; values never go here.
 */
export async function recordAudit(
  db: DbOrTx,
  actor: SessionUser,
  entry: {
    action: AuditAction;
    summary: string;
    connectorId?: string | null;
    connectorName?: string;
    fields?: string[];
  },
) {
  await insertAuditEvent(db, {
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
