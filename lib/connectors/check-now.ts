import { randomUUID } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { connectors } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden } from "@/lib/errors";
import { type CheckSettings, checkConnectorNow, checkSettings } from "@/lib/jobs/check-connector";
import { loadConnector } from "./lookup";

export const CHECK_NOW_INTERVAL_S = 10;

/**
 * "Check now": at most one per connector per 10 s across every app instance, and never while a sweep is checking the
 * same connector. One conditional update decides both, and takes the sweep's lease for the length of the check: two
 * checks at once would spend the same rotating refresh token (Lightspeed R-Series, TikTok Shop) and one would fail.
 */
export async function checkNow(db: Db, actor: SessionUser, { connectorId }: { connectorId: string }, overrides: Partial<CheckSettings> = {}) {
  if (!can(actor, "connectors.manage")) throw forbidden();
  const current = await loadConnector(db, { orgId: actor.orgId, id: connectorId });
  const owner = randomUUID();
  const leaseMs = checkSettings(overrides).timeoutMs + 5_000;
  const scope = and(eq(connectors.orgId, actor.orgId), eq(connectors.id, connectorId));
  const claimed = await db
    .update(connectors)
    .set({ manualCheckAt: sql`now()`, leaseOwner: owner, leaseUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where(
      and(
        scope,
        or(isNull(connectors.manualCheckAt), lt(connectors.manualCheckAt, sql`now() - make_interval(secs => ${CHECK_NOW_INTERVAL_S})`)),
        or(isNull(connectors.leaseUntil), lt(connectors.leaseUntil, sql`now()`)),
      ),
    )
    .returning({ id: connectors.id });
  if (claimed.length === 0) {
    const recent = current.manualCheckAt && Date.now() - current.manualCheckAt.getTime() < CHECK_NOW_INTERVAL_S * 1000;
    throw new AppError(
      "THROTTLED",
      recent
        ? `This connector was checked in the last ${CHECK_NOW_INTERVAL_S} seconds. Try again in a moment.`
        : "A scheduled check of this connector is running right now; its result appears here in a moment.",
    );
  }
  try {
    return await checkConnectorNow(db, { orgId: actor.orgId, connectorId }, overrides);
  } finally {
    await db.update(connectors).set({ leaseOwner: null, leaseUntil: null }).where(and(scope, eq(connectors.leaseOwner, owner)));
  }
}
