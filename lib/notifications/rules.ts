import type { ConnectorStatus } from "@/db/schema/connectors";

/**
 * Which confirmed changes people hear about. A new connector's first check from "Not checked yet" to Operational
 * is not news (the person who added it watched it pass), but a first check that fails is: the group learns of a
 * connector that never worked. Every other confirmed change is sent, failure to failure included
 * (System Unreachable -> Failed Authentication asks for a different fix). Flaps never get here: flap control
 * absorbs them before they become confirmed changes.
 */
export function shouldNotify(from: ConnectorStatus, to: ConnectorStatus): boolean {
  if (from === to) return false;
  return !(from === "unknown" && to === "operational");
}

export const isFailure = (s: ConnectorStatus) => s === "unreachable" || s === "auth_failed";
