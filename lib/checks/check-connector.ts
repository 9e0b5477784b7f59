import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db";
import {
  type ClaimedConnector,
  claimManualCheck,
  findManualCheck,
  getConnectorForCheck,
  releaseManualCheck,
} from "@/db/queries/health";
import type { ConnectorStatus } from "@/db/schema/connectors";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { decryptCredentials } from "@/lib/crypto/credentials";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { CheckResult, SystemDef } from "@/lib/health/contract";
import { checkSystem } from "./check-system";
import { type CheckConfig, readCheckConfig } from "./config";
import { hostKey } from "./host-key";
import { type CheckedConnector, recordChecks } from "./record";
import type { ResultBatcher } from "./result-batcher";

export const CHECK_NOW_INTERVAL_S = 10;

/** A claimed connector made ready for the sweep: system resolved, credentials decrypted, vendor host known. */
export interface PreparedCheck {
  connector: ClaimedConnector;
  system: SystemDef;
  credentials: Record<string, string>;
  hostKey: string;
}

/** A stored connector, scoped by its organisation. */
export interface ConnectorRef {
  orgId: string;
  connectorId: string;
}

/** Credentials about to be saved for a connector (not stored yet, or replacing the stored ones). */
export interface SaveCandidate {
  orgId: string;
  system: SystemDef;
  authType: string;
  credentials: Record<string, string>;
  /** The connector's recorded opt-in to private addresses (an existing connector); false for a new one. */
  allowPrivateNetwork?: boolean;
}

export interface CheckNowResult {
  status: ConnectorStatus;
  changed: boolean;
  /** The check as it ran, without rotated credentials (those are stored, never returned). */
  result: Omit<CheckResult, "rotatedCredentials">;
}

export interface SaveCheck {
  result: CheckResult;
  /** Records the result for the saved connector, inside the save's transaction, exactly as "Check now" does. */
  record(tx: DbOrTx, connectorId: string): Promise<void>;
}

/** The sweep: a connector it claimed; the result joins the sweep's batched recording. */
export type SweepMode = { mode: "sweep"; config: CheckConfig; batch: ResultBatcher };
/**
 * "Check now": recorded at once, flap control bypassed (the user asked for the state right now, usually just after
 * changing something; a badge that disagrees with the check they just watched would be wrong to them). With `actor`
 * (a person's click): their permission, and at most one per connector per 10 s across every app instance, never
 * while a sweep is checking it.
 */
export type NowMode = { mode: "now"; actor?: SessionUser; config?: Partial<CheckConfig> };
/** Saving credentials: checked before the save; the save records the result in its transaction (SaveCheck.record). */
export type SaveMode = { mode: "save"; config?: Partial<CheckConfig> };

/**
 * Checks a connector and records the outcome, the one way for the sweep, "Check now" and the save check. A 429 keeps
 * the previous status in every mode.
 */
export function checkConnector(db: DbOrTx, connector: PreparedCheck, options: SweepMode): Promise<CheckedConnector>;
export function checkConnector(db: DbOrTx, connector: ConnectorRef, options: NowMode): Promise<CheckNowResult>;
export function checkConnector(db: DbOrTx, connector: SaveCandidate, options: SaveMode): Promise<SaveCheck>;
export async function checkConnector(
  db: DbOrTx,
  connector: PreparedCheck | ConnectorRef | SaveCandidate,
  options: SweepMode | NowMode | SaveMode,
): Promise<CheckedConnector | CheckNowResult | SaveCheck> {
  switch (options.mode) {
    case "sweep": {
      const checked = await probeConnector(connector as PreparedCheck, options.config);
      options.batch.add(checked);
      return checked;
    }
    case "now":
      return options.actor
        ? checkNowFor(db, options.actor, connector as ConnectorRef, readCheckConfig(options.config))
        : checkAndRecordNow(db, connector as ConnectorRef, readCheckConfig(options.config));
    case "save":
      return checkBeforeSave(connector as SaveCandidate, readCheckConfig(options.config));
  }
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

async function probeConnector(p: PreparedCheck, config: CheckConfig): Promise<CheckedConnector> {
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

const immediatePolicy = (config: CheckConfig) => ({
  owner: null,
  threshold: config.threshold,
  intervalMs: config.intervalMs,
  immediate: true,
});

async function checkAndRecordNow(db: DbOrTx, { orgId, connectorId }: ConnectorRef, config: CheckConfig) {
  const connector = await getConnectorForCheck(db, { orgId, id: connectorId });
  if (!connector) throw notFound("That connector");
  const checked = await probeConnector(prepareCheck(connector, config), config);
  const { transitions } = await recordChecks(db, [checked], immediatePolicy(config));
  const t = transitions.get(connector.id);
  const { rotatedCredentials: _rotated, ...result } = checked.result;
  return { status: t?.status ?? result.status, changed: t?.changed ?? false, result };
}

/**
 * One conditional update decides the 10 s limit and the sweep's lease, and takes that lease for the length of the
 * check: two checks at once would spend the same rotating refresh token (Lightspeed R-Series, TikTok Shop) and one
 * would fail.
 */
async function checkNowFor(db: DbOrTx, actor: SessionUser, ref: ConnectorRef, config: CheckConfig) {
  if (!can(actor, "connectors.manage") || actor.orgId !== ref.orgId) throw forbidden();
  const current = await findManualCheck(db, { orgId: ref.orgId, id: ref.connectorId });
  if (!current) throw notFound("That connector");
  const lease = { orgId: ref.orgId, id: ref.connectorId, owner: randomUUID() };
  const leaseMs = config.timeoutMs + 5_000;
  if (!(await claimManualCheck(db, { ...lease, leaseMs, minIntervalS: CHECK_NOW_INTERVAL_S }))) {
    const recent = current.manualCheckAt && Date.now() - current.manualCheckAt.getTime() < CHECK_NOW_INTERVAL_S * 1000;
    throw new AppError(
      "THROTTLED",
      recent
        ? `This connector was checked in the last ${CHECK_NOW_INTERVAL_S} seconds. Try again in a moment.`
        : "A scheduled check of this connector is running right now; its result appears here in a moment.",
    );
  }
  try {
    return await checkAndRecordNow(db, ref, config);
  } finally {
    await releaseManualCheck(db, lease);
  }
}

/** Checks credentials that are not stored yet, with the same settings as the sweep. */
async function checkBeforeSave(candidate: SaveCandidate, config: CheckConfig): Promise<SaveCheck> {
  const { orgId, system, authType, credentials } = candidate;
  const result = await checkSystem(
    { system, authType, credentials },
    {
      timeoutMs: config.timeoutMs,
      dispatcher: config.dispatcher,
      allowPrivateNetworks: config.allowPrivateNetworks || Boolean(candidate.allowPrivateNetwork),
      appOrigin: config.appOrigin,
    },
  );
  const record = async (tx: DbOrTx, connectorId: string) => {
    const row = await getConnectorForCheck(tx, { orgId, id: connectorId });
    if (row) await recordChecks(tx, [{ connector: row, credentials, result }], immediatePolicy(config));
  };
  return { result, record };
}
