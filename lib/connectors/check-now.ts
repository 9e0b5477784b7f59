import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { connectors } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden } from "@/lib/errors";
import { type CheckSettings, checkConnectorNow } from "@/lib/jobs/check-connector";
import { loadConnector } from "./lookup";

export const CHECK_NOW_INTERVAL_S = 10;

/** "Check now": at most one per connector per 10 s across every app instance (a conditional update decides). */
export async function checkNow(db: Db, actor: SessionUser, { connectorId }: { connectorId: string }, overrides: Partial<CheckSettings> = {}) {
  if (!can(actor, "connectors.manage")) throw forbidden();
  await loadConnector(db, { orgId: actor.orgId, id: connectorId });
  const claimed = await db
    .update(connectors)
    .set({ manualCheckAt: sql`now()` })
    .where(
      and(
        eq(connectors.orgId, actor.orgId),
        eq(connectors.id, connectorId),
        or(isNull(connectors.manualCheckAt), lt(connectors.manualCheckAt, sql`now() - make_interval(secs => ${CHECK_NOW_INTERVAL_S})`)),
      ),
    )
    .returning({ id: connectors.id });
  if (claimed.length === 0) throw new AppError("THROTTLED", `This connector was checked in the last ${CHECK_NOW_INTERVAL_S} seconds. Try again in a moment.`);
  return checkConnectorNow(db, { orgId: actor.orgId, connectorId }, overrides);
}
