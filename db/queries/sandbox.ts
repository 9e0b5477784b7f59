import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { sandboxAccounts, type SandboxMode } from "@/db/schema";

/**
 * The sandbox vendor's accounts. The vendor knows a key only by its hash, whoever holds it, so the look-up by hash is
 * the one query not scoped by organisation: callers compare the row's org_id themselves.
 */

export async function findSandboxAccount(db: DbOrTx, { keyHash }: { keyHash: string }) {
  const row = (await db.select().from(sandboxAccounts).where(eq(sandboxAccounts.keyHash, keyHash)).limit(1)).at(0);
  return row;
}

/** Adds an account unless the key hash is already known (then nothing changes). */
export async function insertSandboxAccount(
  db: DbOrTx,
  values: { keyHash: string; orgId: string; connectorId: string | null; name: string },
) {
  await db.insert(sandboxAccounts).values(values).onConflictDoNothing();
}

/** Gives the organisation's account with this key hash to a connector. */
export async function linkSandboxAccount(
  db: DbOrTx,
  { orgId, keyHash, connectorId }: { orgId: string; keyHash: string; connectorId: string },
) {
  await db
    .update(sandboxAccounts)
    .set({ connectorId })
    .where(and(eq(sandboxAccounts.orgId, orgId), eq(sandboxAccounts.keyHash, keyHash)));
}

/** Releases the accounts a connector holds (the keys stay issued to the organisation). */
export async function unlinkSandboxAccounts(
  db: DbOrTx,
  { orgId, connectorId }: { orgId: string; connectorId: string },
) {
  await db
    .update(sandboxAccounts)
    .set({ connectorId: null })
    .where(and(eq(sandboxAccounts.orgId, orgId), eq(sandboxAccounts.connectorId, connectorId)));
}

/**
 * Sets the mode of a connector's account (`updatedBy`: the user who did, if any); answers the names of the accounts
 * changed (none: no such sandbox connector).
 */
export function setSandboxAccountMode(
  db: DbOrTx,
  {
    orgId,
    connectorId,
    mode,
    updatedBy,
  }: { orgId: string; connectorId: string; mode: SandboxMode; updatedBy?: string },
) {
  return db
    .update(sandboxAccounts)
    .set({ mode, updatedAt: new Date(), updatedBy })
    .where(and(eq(sandboxAccounts.orgId, orgId), eq(sandboxAccounts.connectorId, connectorId)))
    .returning({ name: sandboxAccounts.name });
}

/** The mode of each of the organisation's sandbox connectors. */
export async function listSandboxModes(db: DbOrTx, { orgId }: { orgId: string }): Promise<Map<string, SandboxMode>> {
  const rows = await db
    .select({ connectorId: sandboxAccounts.connectorId, mode: sandboxAccounts.mode })
    .from(sandboxAccounts)
    .where(eq(sandboxAccounts.orgId, orgId));
  return new Map(rows.flatMap((r) => (r.connectorId ? [[r.connectorId, r.mode] as const] : [])));
}
