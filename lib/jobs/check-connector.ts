import type { Dispatcher } from "undici";
import type { Db } from "@/db";
import { type ClaimedConnector, getConnectorForCheck } from "@/db/queries/health";
import { env } from "@/lib/env";
import { notFound } from "@/lib/errors";
import { decryptCredentials } from "@/lib/crypto/credentials";
import { checkConnection } from "@/lib/health/check";
import type { SharedAgents } from "@/lib/health/guarded-agent";
import { hostKey } from "@/lib/health/host-key";
import type { CheckResult } from "@/lib/health/contract";
import type { ConnectorStatus } from "@/lib/health/flap";
import { getSystem } from "@/lib/systems";
import type { SystemDef } from "@/lib/health/contract";
import { type CheckedConnector, recordChecks } from "./record-checks";

/** Everything a check and its recording depend on, from the environment unless a caller (test, bench) overrides it. */
export interface CheckSettings {
  timeoutMs: number;
  intervalMs: number;
  threshold: number;
  allowPrivateNetworks: boolean;
  appOrigin: string;
  resolveSystem: (id: string) => SystemDef | undefined;
  /** Tests route vendor traffic to emulators with it. */
  dispatcher?: Dispatcher;
  /** A sweep's connection pools, shared by its checks. */
  sharedAgents?: SharedAgents;
}

export function checkSettings(overrides: Partial<CheckSettings> = {}): CheckSettings {
  return {
    timeoutMs: env.HEALTHCHECK_TIMEOUT * 1000,
    intervalMs: env.HEALTHCHECK_INTERVAL * 1000,
    threshold: env.HEALTHCHECK_FAILURE_THRESHOLD,
    allowPrivateNetworks: env.HEALTHCHECK_ALLOW_PRIVATE_NETWORKS,
    appOrigin: new URL(env.APP_URL).origin,
    resolveSystem: getSystem,
    ...overrides,
  };
}

export interface PreparedCheck {
  connector: ClaimedConnector;
  system: SystemDef;
  credentials: Record<string, string>;
  hostKey: string;
}

/** Decrypts and resolves the system; throws when the connector cannot be checked at all (unknown system, bad envelope). */
export function prepareCheck(connector: ClaimedConnector, settings: CheckSettings): PreparedCheck {
  const system = settings.resolveSystem(connector.systemId);
  if (!system) throw new Error(`Unknown system "${connector.systemId}"`);
  const credentials = decryptCredentials(connector.id, connector.credentials);
  return { connector, system, credentials, hostKey: hostKey(system, connector.authType, credentials) };
}

export async function runCheck(p: PreparedCheck, settings: CheckSettings): Promise<CheckedConnector> {
  const result = await checkConnection(
    { system: p.system, authType: p.connector.authType, credentials: p.credentials },
    {
      timeoutMs: settings.timeoutMs,
      dispatcher: settings.dispatcher,
      // The per-connector opt-in is an administrator's recorded decision; the global flag is for development.
      allowPrivateNetworks: settings.allowPrivateNetworks || p.connector.allowPrivateNetwork,
      // The sandbox system calls this app itself: exactly this origin passes the address guard.
      allowedOrigins: [settings.appOrigin],
      appOrigin: settings.appOrigin,
      sharedAgents: settings.sharedAgents,
    },
  );
  return { connector: p.connector, credentials: p.credentials, result };
}

export interface CheckNowResult {
  status: ConnectorStatus;
  changed: boolean;
  /** The check as it ran, without rotated credentials (those are stored, never returned). */
  result: Omit<CheckResult, "rotatedCredentials">;
}

/**
 * One check on demand ("Check now", and after a save), recorded by the same code as the sweep. Flap control is
 * bypassed: the user asked for the state right now, usually just after changing something, and a badge that
 * disagrees with the check they just watched would be wrong to them. A 429 still keeps the previous status.
 */
export async function checkConnectorNow(
  db: Db,
  { orgId, connectorId }: { orgId: string; connectorId: string },
  overrides: Partial<CheckSettings> = {},
): Promise<CheckNowResult> {
  const settings = checkSettings(overrides);
  const connector = await getConnectorForCheck(db, { orgId, id: connectorId });
  if (!connector) throw notFound("That connector");
  const checked = await runCheck(prepareCheck(connector, settings), settings);
  const { transitions } = await recordChecks(db, [checked], { owner: null, threshold: settings.threshold, intervalMs: settings.intervalMs, immediate: true });
  const t = transitions.get(connector.id);
  const { rotatedCredentials: _rotated, ...result } = checked.result;
  return { status: t?.status ?? result.status, changed: t?.changed ?? false, result };
}
