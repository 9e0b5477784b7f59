import type { z } from "zod";
import type { Db } from "@/db";
import { findConnectorForMaintenance, setCheckInterval } from "@/db/queries/maintenance";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { forbidden, notFound } from "@/lib/errors";
import type { checkIntervalSchema } from "./schemas";

/** Sets how often the sweep checks the connector (null = HEALTHCHECK_INTERVAL). Audited when it changes. */
export async function updateCheckInterval(
  db: Db,
  actor: SessionUser,
  input: z.output<typeof checkIntervalSchema>,
): Promise<{ changed: boolean }> {
  if (!can(actor, "connectors.manage")) throw forbidden();
  const scope = { orgId: actor.orgId, connectorId: input.connectorId };
  const target = await findConnectorForMaintenance(db, scope);
  if (!target) throw notFound("That connector");
  if (target.checkIntervalMinutes === input.minutes) return { changed: false };
  await db.transaction(async (tx) => {
    if (!(await setCheckInterval(tx, scope, input.minutes))) throw notFound("That connector");
    await recordAudit(tx, actor, {
      action: "connector.check_interval",
      summary:
        input.minutes === null
          ? "set the check interval to the default"
          : `set the check interval to ${input.minutes} minute${input.minutes === 1 ? "" : "s"}`,
      connectorId: target.id,
      connectorName: target.name,
      fields: ["checkIntervalMinutes"],
    });
  });
  return { changed: true };
}
