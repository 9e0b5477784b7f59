import type { CheckConfig } from "@/lib/checks/config";
import { AppError } from "@/lib/errors";
import type { CheckResult } from "@/lib/health/contract";

/** Options a caller (a test) may set for the check that runs on save: e.g. a dispatcher routing to an emulator. */
export type SaveOptions = { checkOverrides?: Partial<CheckConfig> };

const summary = (r: CheckResult) => ({ status: r.status, reason: r.reason, message: r.message, hint: r.hint });

/**
 * The product's save rule: Operational -> save. Failed Authentication -> refuse, with the reason and hint.
 * System Unreachable -> refuse unless the user ticked "the system is offline; save anyway". Throttled (429) means
 * reached: save, and the sweep confirms the credentials later.
 */
export function assertSavable(result: CheckResult, saveOffline: boolean): void {
  if (result.status === "auth_failed") {
    throw new AppError("INVALID", `Not saved: authentication failed. ${result.message}`, undefined, {
      check: summary(result),
    });
  }
  if (result.status === "unreachable" && !saveOffline) {
    throw new AppError(
      "INVALID",
      `Not saved: the system could not be reached. ${result.message}`,
      {
        saveOffline: [
          "If the system is offline right now, tick this box to save anyway; it will be checked again automatically.",
        ],
      },
      { check: summary(result) },
    );
  }
}
