import type { Db } from "@/db";
import { deleteServiceRow } from "@/db/queries/services";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { forbidden } from "@/lib/errors";
import { auditServiceChange, connectorNames, loadService } from "./rules";

/**
 * Deletes a service and, by cascade, its sync history. Always allowed (nothing depends on a service); the page asks
 * for confirmation because the history goes with it. The audit entries stay on the connectors' timelines.
 */
export async function deleteService(db: Db, actor: SessionUser, input: { serviceId: string }) {
  if (!can(actor, "services.manage")) throw forbidden();
  const current = await loadService(db, { orgId: actor.orgId, id: input.serviceId });
  const ends = await connectorNames(db, actor.orgId, current);
  await db.transaction(async (tx) => {
    await auditServiceChange(tx, actor, {
      action: "service.deleted",
      summary: `Deleted the service "${current.name}" and its sync history`,
      ends,
    });
    await deleteServiceRow(tx, { orgId: actor.orgId, id: current.id });
  });
  return { name: current.name };
}
