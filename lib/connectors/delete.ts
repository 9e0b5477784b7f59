import type { Db } from "@/db";
import { isForeignKeyViolation } from "@/db/errors";
import { listConnectorServices } from "@/db/queries/connector-summary";
import { deleteConnectorRow } from "@/db/queries/connectors";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden } from "@/lib/errors";
import { loadConnector } from "./lookup";

const inUse = (names: string[]) =>
  new AppError(
    "CONFLICT",
    `This connector cannot be deleted while services use it (active or not): ${names.map((n) => `"${n}"`).join(", ")}. Change or delete those services first.`,
  );

/** Deletes a connector no service uses, after the user typed its name. The foreign keys RESTRICT as a last guard. */
export async function deleteConnector(db: Db, actor: SessionUser, input: { connectorId: string; confirmName: string }) {
  if (!can(actor, "connectors.manage")) throw forbidden();
  const current = await loadConnector(db, { orgId: actor.orgId, id: input.connectorId });
  if (input.confirmName.trim() !== current.name) {
    throw new AppError("INVALID", "The name does not match.", {
      confirmName: [`Type the connector's name, "${current.name}", to confirm.`],
    });
  }
  const using = await listConnectorServices(db, { orgId: actor.orgId, connectorId: current.id });
  if (using.length > 0) throw inUse(using.map((s) => s.name));
  try {
    await db.transaction(async (tx) => {
      await recordAudit(tx, actor, {
        action: "connector.deleted",
        summary: `Deleted the ${current.environment} connector "${current.name}"`,
        connectorId: current.id,
        connectorName: current.name,
      });
      await deleteConnectorRow(tx, { orgId: actor.orgId, id: current.id });
    });
  } catch (error) {
    // A service created between our look-up and the delete.
    if (isForeignKeyViolation(error))
      throw inUse(
        (await listConnectorServices(db, { orgId: actor.orgId, connectorId: current.id })).map((s) => s.name),
      );
    throw error;
  }
}
