import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { insertServices, serviceNameTaken } from "@/db/queries/services";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { forbidden } from "@/lib/errors";
import { auditServiceChange, resolveEnds, rethrowNameConflict, serviceNameConflict } from "./rules";
import type { ServiceFields } from "./schemas";

export const route = (source: { name: string }, destination: { name: string }) =>
  `"${source.name}" → "${destination.name}"`;

/** Adds an active service; its environment is the one its two connectors share. Row and audit entries are one transaction. */
export async function createService(db: Db, actor: SessionUser, input: ServiceFields) {
  if (!can(actor, "services.manage")) throw forbidden();
  const { source, destination } = await resolveEnds(db, actor.orgId, input);
  if (await serviceNameTaken(db, { orgId: actor.orgId, name: input.name })) throw serviceNameConflict();
  const id = randomUUID();
  try {
    await db.transaction(async (tx) => {
      await insertServices(tx, [
        {
          id,
          orgId: actor.orgId,
          name: input.name,
          sourceConnectorId: source.id,
          destinationConnectorId: destination.id,
        },
      ]);
      await auditServiceChange(tx, actor, {
        action: "service.created",
        summary: `Created the ${source.environment} service "${input.name}": ${route(source, destination)}`,
        ends: [source, destination],
      });
    });
  } catch (error) {
    rethrowNameConflict(error);
  }
  return { id, environment: source.environment };
}
