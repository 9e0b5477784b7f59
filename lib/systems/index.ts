import type { AuthTypeDef, SystemDef } from "@/lib/health/contract";
import { CATALOG } from "./catalog";

/**
 * The registry. lib/systems/catalog holds one file a system (its declaration: fields, probe, hints, capabilities,
 * hooks), named for its id; its index is generated from the folder (scripts/systems-catalog.mjs), so adding a system
 * is adding its file. lib/systems/kit holds the pieces declarations are built from: field builders, restProbe,
 * tokenProbe, soapProbe, the SFTP/FTP/WSDL/OAuth 1.0a probes and normalisers.
 */
const SYSTEMS: readonly SystemDef[] = CATALOG;

const byId = new Map<string, SystemDef>();
for (const system of SYSTEMS) {
  // Ids are a public contract (URLs, exports): a duplicate is a bug worth failing loudly at start.
  if (byId.has(system.id)) throw new Error(`Duplicate system id "${system.id}"`);
  byId.set(system.id, system);
}

export function listSystems(): readonly SystemDef[] {
  return SYSTEMS;
}

export function getSystem(id: string): SystemDef | undefined {
  return byId.get(id);
}

export function getAuthType(system: SystemDef, authTypeId: string): AuthTypeDef | undefined {
  return system.authTypes.find((a) => a.id === authTypeId);
}

export type { AuthTypeDef, CredentialField, Probe, ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";
export { credentialsSchema, parseCredentials } from "./schema";
