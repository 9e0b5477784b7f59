import type { DbOrTx } from "@/db";
import { getConnectorForCheck } from "@/db/queries/health";
import type { ConnectorStatus } from "@/db/schema/connectors";
import type { SessionUser } from "@/lib/auth/session-user";
import { notFound } from "@/lib/errors";
import type { CheckResult, SystemDef } from "@/lib/health/contract";
import { log, withRun } from "@/lib/log";
import { checkSystem } from "./check-system";
import { type CheckConfig, readCheckConfig } from "./config";
import { withManualCheck } from "./manual-check";
import { type PreparedCheck, prepareCheck, probeConnector } from "./prepare";
import { type CheckedConnector, recordChecks } from "./record";
import type { ResultBatcher } from "./result-batcher";

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
      // No log context of its own (thousands per sweep): the engine never logs, so this line is the check's only one
      // and names the connector itself; the sweep's context (job, runId) still applies.
      const p = connector as PreparedCheck;
      const checked = await probeConnector(p, options.config);
      logCheck("sweep", checked.result, { connectorId: p.connector.id, orgId: p.connector.orgId });
      options.batch.add(checked);
      return checked;
    }
    case "now": {
      const ref = connector as ConnectorRef;
      const config = readCheckConfig(options.config);
      return withRun("check-now", { orgId: ref.orgId, connectorId: ref.connectorId }, async () => {
        const now = options.actor
          ? await withManualCheck(db, options.actor, { ...ref, leaseMs: config.timeoutMs + 5_000 }, () =>
              checkAndRecordNow(db, ref, config),
            )
          : await checkAndRecordNow(db, ref, config);
        logCheck("now", now.result);
        return now;
      });
    }
    case "save": {
      const candidate = connector as SaveCandidate;
      return withRun("save-check", { orgId: candidate.orgId }, async () => {
        const save = await checkBeforeSave(candidate, readCheckConfig(options.config));
        logCheck("save", save.result);
        return save;
      });
    }
  }
}

/** One line per check: its outcome, never its message (a vendor's text) or anything of the credentials. */
function logCheck(
  mode: "sweep" | "now" | "save",
  result: Omit<CheckResult, "rotatedCredentials">,
  where?: { connectorId: string; orgId: string },
): void {
  const level = mode === "sweep" ? "debug" : "info";
  if (!log.isLevelEnabled(level)) return;
  const { status, reason, httpStatus, latencyMs, throttled } = result;
  log[level]({ ...where, mode, status, reason, httpStatus, latencyMs, throttled }, "check finished");
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
  const result = { ...checked.result };
  delete result.rotatedCredentials; // stored (re-encrypted) by the recording, never returned
  return { status: t?.status ?? result.status, changed: t?.changed ?? false, result };
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
