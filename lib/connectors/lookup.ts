import type { DbOrTx } from "@/db";
import { getConnector } from "@/db/queries/connectors";
import { notFound } from "@/lib/errors";
import { getAuthType, getSystem } from "@/lib/systems";

/** A connector of the organisation, credentials envelope included (server-side only), or NOT_FOUND. */
export async function loadConnector(db: DbOrTx, scope: { orgId: string; id: string }) {
  const row = await getConnector(db, scope);
  if (!row) throw notFound("That connector");
  return row;
}

export function requireSystem(systemId: string, authTypeId: string) {
  const system = getSystem(systemId);
  const authType = system && getAuthType(system, authTypeId);
  return { system, authType };
}
