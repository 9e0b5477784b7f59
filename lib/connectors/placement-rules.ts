import type { Environment } from "./types";

/**
 * Where a new connector may go: one live and one test connector per system in each company group, and a name no
 * other connector of the organisation has (ignoring case). Pure, so the server (./create.ts) and the add-connector
 * wizard (on the step where the group, environment and name are chosen) say the same thing.
 */

/** What the wizard needs to know of the organisation's connectors (names only: no credentials, no status). */
export type PlacedConnector = {
  id: string;
  name: string;
  companyGroupId: string;
  systemId: string;
  environment: Environment;
};

export const NAME_TAKEN_MESSAGE = "Another connector already has this name; names identify connectors everywhere.";

/** Names compare as the database's unique index does: NFC, trimmed, ignoring case. */
const nameKey = (name: string) => name.normalize("NFC").trim().toLowerCase();

export function nameTakenIn(existing: readonly Pick<PlacedConnector, "name">[], name: string): boolean {
  const key = nameKey(name);
  return key !== "" && existing.some((c) => nameKey(c.name) === key);
}

/** The connector already holding this group, system and environment, if any. */
export function slotHolder<T extends PlacedConnector>(
  existing: readonly T[],
  slot: Pick<PlacedConnector, "companyGroupId" | "systemId" | "environment">,
): T | undefined {
  return existing.find(
    (c) =>
      c.companyGroupId === slot.companyGroupId && c.systemId === slot.systemId && c.environment === slot.environment,
  );
}

export function slotTakenMessage(groupName: string, environment: Environment, systemName: string, holder: string) {
  return `${groupName} already has a ${environment} ${systemName} connector, "${holder}". Each company group holds one live and one test connector per system: update that one's credentials instead, or choose another company group.`;
}
