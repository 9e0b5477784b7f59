import type { ClaimedConnector } from "@/db/queries/health";
import { decryptCredentials } from "@/lib/crypto/credentials";
import type { SystemDef } from "@/lib/health/contract";
import { checkSystem } from "./check-system";
import type { CheckConfig } from "./config";
import { hostKey } from "./host-key";
import type { CheckedConnector } from "./record";

/** A stored connector made ready to check: system resolved, credentials decrypted, vendor host known. */
export interface PreparedCheck {
  connector: ClaimedConnector;
  system: SystemDef;
  credentials: Record<string, string>;
  hostKey: string;
}

/**
 * Decrypts and resolves the system; throws when the connector cannot be checked at all (unknown system, bad envelope).
 */
export function prepareCheck(connector: ClaimedConnector, config: CheckConfig): PreparedCheck {
  const system = config.resolveSystem(connector.systemId);
  if (!system) throw new Error(`Unknown system "${connector.systemId}"`);
  const credentials = decryptCredentials(connector.id, connector.credentials);
  return { connector, system, credentials, hostKey: hostKey(system, connector.authType, credentials) };
}

/** Runs a prepared connector's probe with the sweep's settings; records nothing. */
export async function probeConnector(p: PreparedCheck, config: CheckConfig): Promise<CheckedConnector> {
  const result = await checkSystem(
    { system: p.system, authType: p.connector.authType, credentials: p.credentials },
    {
      timeoutMs: config.timeoutMs,
      dispatcher: config.dispatcher,
      // The per-connector opt-in is an administrator's recorded decision; the global flag is for development.
      allowPrivateNetworks: config.allowPrivateNetworks || p.connector.allowPrivateNetwork,
      // The sandbox system calls this app itself: exactly this origin passes the address guard.
      allowedOrigins: [config.appOrigin],
      appOrigin: config.appOrigin,
      sharedAgents: config.sharedAgents,
    },
  );
  return { connector: p.connector, credentials: p.credentials, result };
}
