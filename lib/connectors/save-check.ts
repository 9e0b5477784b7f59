import type { Db, Tx } from "@/db";
import { getConnectorForCheck } from "@/db/queries/health";
import { AppError } from "@/lib/errors";
import { checkConnection } from "@/lib/health/check";
import type { CheckResult } from "@/lib/health/contract";
import { type CheckSettings, checkSettings } from "@/lib/jobs/check-connector";
import { recordChecks } from "@/lib/jobs/record-checks";
import type { SystemDef } from "@/lib/health/contract";

/** Options a caller (a test) may set for the check that runs on save: e.g. a dispatcher routing to an emulator. */
export type SaveOptions = { checkOverrides?: Partial<CheckSettings> };

/** Checks credentials that are not stored yet, with the same settings as the sweep. */
export function checkCandidate(
  system: SystemDef,
  authType: string,
  credentials: Record<string, string>,
  { allowPrivateNetwork = false, checkOverrides }: { allowPrivateNetwork?: boolean } & SaveOptions,
): Promise<CheckResult> {
  const s = checkSettings(checkOverrides);
  return checkConnection(
    { system, authType, credentials },
    { timeoutMs: s.timeoutMs, dispatcher: s.dispatcher, allowPrivateNetworks: s.allowPrivateNetworks || allowPrivateNetwork, appOrigin: s.appOrigin },
  );
}

const summary = (r: CheckResult) => ({ status: r.status, reason: r.reason, message: r.message, hint: r.hint });

/**
 * The product's save rule: Operational -> save. Failed Authentication -> refuse, with the reason and hint.
 * System Unreachable -> refuse unless the user ticked "the system is offline; save anyway". Throttled (429) means
 * reached: save, and the sweep confirms the credentials later.
 */
export function assertSavable(result: CheckResult, saveOffline: boolean): void {
  if (result.status === "auth_failed") {
    throw new AppError("INVALID", `Not saved: authentication failed. ${result.message}`, undefined, { check: summary(result) });
  }
  if (result.status === "unreachable" && !saveOffline) {
    throw new AppError(
      "INVALID",
      `Not saved: the system could not be reached. ${result.message}`,
      { saveOffline: ["If the system is offline right now, tick this box to save anyway; it will be checked again automatically."] },
      { check: summary(result) },
    );
  }
}

/** Records the save's check exactly as the sweep records a result, inside the save's transaction. */
export async function recordSaveCheck(tx: Tx, { orgId, connectorId, credentials, result, overrides }: { orgId: string; connectorId: string; credentials: Record<string, string>; result: CheckResult; overrides?: Partial<CheckSettings> }) {
  const s = checkSettings(overrides);
  const row = await getConnectorForCheck(tx, { orgId, id: connectorId });
  if (!row) return;
  await recordChecks(tx as unknown as Db, [{ connector: row, credentials, result }], { owner: null, threshold: s.threshold, intervalMs: s.intervalMs, immediate: true });
}
