import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db";
import { claimManualCheck, findManualCheck, releaseManualCheck } from "@/db/queries/health";
import { activeWindowsOf } from "@/db/queries/maintenance";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden, notFound } from "@/lib/errors";

export const CHECK_NOW_INTERVAL_S = 10;

/**
 * A person's "Check now": their permission, then at most one per connector per 10 s across every app instance, and
 * never while a sweep is checking the same connector. One conditional update decides both and takes the sweep's lease
 * for the length of `run`: two checks at once would spend the same rotating refresh token (Lightspeed R-Series,
 * TikTok Shop) and one would fail. A paused connector, or one in a maintenance window, is not checked at all.
 */
export async function withManualCheck<T>(
  db: DbOrTx,
  actor: SessionUser,
  { orgId, connectorId, leaseMs }: { orgId: string; connectorId: string; leaseMs: number },
  run: () => Promise<T>,
): Promise<T> {
  if (!can(actor, "connectors.manage") || actor.orgId !== orgId) throw forbidden();
  const current = await findManualCheck(db, { orgId, id: connectorId });
  if (!current) throw notFound("That connector");
  const window = (await activeWindowsOf(db, { orgId, connectorIds: [connectorId] })).get(connectorId);
  if (window)
    throw new AppError(
      "CONFLICT",
      window.kind === "pause"
        ? `Checks of this connector are paused (${window.reason}). Resume them in its settings to check it.`
        : `This connector is in a maintenance window (${window.reason}), so it is not checked until the window ends.`,
    );
  const lease = { orgId, id: connectorId, owner: randomUUID() };
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
    return await run();
  } finally {
    await releaseManualCheck(db, lease);
  }
}
