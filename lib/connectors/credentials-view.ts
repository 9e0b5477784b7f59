import type { Db } from "@/db";
import { decryptCredentials, maskSecret } from "@/lib/crypto/credentials";
import { getSystem } from "@/lib/systems";
import { loadConnector } from "./lookup";

/**
 * What the credentials panel may show: non-secret values as stored, secrets only as a mask of their last 4
 * characters. This is the only path from stored credentials to a page.
 */
export async function getCredentialsView(db: Db, { orgId, connectorId }: { orgId: string; connectorId: string }) {
  const row = await loadConnector(db, { orgId, id: connectorId });
  const authType = getSystem(row.systemId)?.authTypes.find((a) => a.id === row.authType);
  let stored: Record<string, string> = {};
  let unreadable = false;
  try {
    stored = decryptCredentials(row.id, row.credentials);
  } catch {
    unreadable = true; // the key that encrypted them is not configured: the panel asks for them again
  }
  const values: Record<string, string> = {};
  const masks: Record<string, string> = {};
  for (const f of authType?.fields ?? []) {
    const v = stored[f.key] ?? "";
    if (f.secret) masks[f.key] = v ? maskSecret(v) : "";
    else values[f.key] = v;
  }
  return { authType: row.authType, values, masks, unreadable };
}
