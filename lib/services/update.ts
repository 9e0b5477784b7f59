import type { Db } from "@/db";
import { serviceNameTaken, setServiceActiveRow, setServiceFields } from "@/db/queries/services";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { forbidden } from "@/lib/errors";
import { route } from "./create";
import {
  auditServiceChange,
  connectorNames,
  loadService,
  resolveEnds,
  rethrowNameConflict,
  serviceNameConflict,
} from "./rules";
import type { ServiceFields } from "./schemas";

/**
 * Renames a service or points it at other connectors, under the same rules as creating one. When a connector is
 * replaced, both the old and the new connector's timelines record it.
 */
export async function updateService(db: Db, actor: SessionUser, input: ServiceFields & { serviceId: string }) {
  if (!can(actor, "services.manage")) throw forbidden();
  const current = await loadService(db, { orgId: actor.orgId, id: input.serviceId });
  const { source, destination } = await resolveEnds(db, actor.orgId, input);
  const changed = [
    input.name !== current.name && "name",
    source.id !== current.sourceConnectorId && "sourceConnectorId",
    destination.id !== current.destinationConnectorId && "destinationConnectorId",
  ].filter((f): f is string => !!f);
  if (changed.length === 0) return { changed };
  if (
    changed.includes("name") &&
    (await serviceNameTaken(db, { orgId: actor.orgId, name: input.name, exceptId: current.id }))
  )
    throw serviceNameConflict();

  const previous = await connectorNames(db, actor.orgId, current);
  try {
    await db.transaction(async (tx) => {
      const fields = { name: input.name, sourceConnectorId: source.id, destinationConnectorId: destination.id };
      await setServiceFields(tx, { orgId: actor.orgId, id: current.id }, fields);
      await auditServiceChange(tx, actor, {
        action: "service.updated",
        summary: `Changed the service "${input.name}"${current.name !== input.name ? ` (was "${current.name}")` : ""}: ${route(source, destination)}`,
        ends: [source, destination, ...previous],
        fields: changed,
      });
    });
  } catch (error) {
    rethrowNameConflict(error);
  }
  return { changed };
}

/** Pauses or resumes a service; the engine skips inactive services. Setting the state it already has changes nothing. */
export async function setServiceActive(db: Db, actor: SessionUser, input: { serviceId: string; active: boolean }) {
  if (!can(actor, "services.manage")) throw forbidden();
  const current = await loadService(db, { orgId: actor.orgId, id: input.serviceId });
  if (current.active === input.active) return { changed: false, name: current.name };
  const ends = await connectorNames(db, actor.orgId, current);
  await db.transaction(async (tx) => {
    await setServiceActiveRow(tx, { orgId: actor.orgId, id: current.id }, input.active);
    await auditServiceChange(tx, actor, {
      action: input.active ? "service.activated" : "service.deactivated",
      summary: `${input.active ? "Activated" : "Deactivated"} the service "${current.name}"`,
      ends,
      fields: ["active"],
    });
  });
  return { changed: true, name: current.name };
}
