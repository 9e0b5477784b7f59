import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { inboundApiClients } from "@/db/schema";

/** Clients the platform issued to Inbound API connectors (secrets stored as hashes). */
type Scope = { orgId: string; connectorId: string };

/**
 * The client with this id while it is not revoked. The token endpoint knows a client by its id alone, before any
 * organisation is known: callers take the organisation from the row.
 */
export async function findActiveInboundClient(db: DbOrTx, clientId: string) {
  const row = (
    await db
      .select()
      .from(inboundApiClients)
      .where(and(eq(inboundApiClients.clientId, clientId), isNull(inboundApiClients.revokedAt)))
      .limit(1)
  ).at(0);
  return row;
}

export function listInboundClients(db: DbOrTx, { orgId, connectorId }: Scope) {
  return db
    .select({
      clientId: inboundApiClients.clientId,
      createdAt: inboundApiClients.createdAt,
      lastTokenAt: inboundApiClients.lastTokenAt,
      revokedAt: inboundApiClients.revokedAt,
    })
    .from(inboundApiClients)
    .where(and(eq(inboundApiClients.orgId, orgId), eq(inboundApiClients.connectorId, connectorId)))
    .orderBy(asc(inboundApiClients.createdAt), asc(inboundApiClients.clientId));
}

export async function insertInboundClient(db: DbOrTx, values: Scope & { clientId: string; secretHash: string }) {
  await db.insert(inboundApiClients).values(values);
}

/** Revokes the connector's clients that are still active. */
export async function revokeActiveInboundClients(db: DbOrTx, { orgId, connectorId }: Scope) {
  await db
    .update(inboundApiClients)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(inboundApiClients.orgId, orgId),
        eq(inboundApiClients.connectorId, connectorId),
        isNull(inboundApiClients.revokedAt),
      ),
    );
}

export async function recordInboundTokenIssued(db: DbOrTx, { orgId, id, at }: { orgId: string; id: string; at: Date }) {
  await db
    .update(inboundApiClients)
    .set({ lastTokenAt: at })
    .where(and(eq(inboundApiClients.orgId, orgId), eq(inboundApiClients.id, id)));
}
