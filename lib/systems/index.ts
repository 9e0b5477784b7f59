import type { AuthTypeDef, SystemDef } from "@/lib/health/contract";
import { CATALOG } from "./catalog";

/** The catalogue: every file in lib/systems/catalog, one a system (see scripts/systems-catalog.mjs). */
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
