import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Db } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { findCompanyGroup } from "@/db/queries/company-groups";
import { connectorNameTaken, findConnectorInGroup, insertConnector } from "@/db/queries/connectors";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { checkConnector } from "@/lib/checks/check-connector";
import type { SessionUser } from "@/lib/auth/session-user";
import { encryptCredentials } from "@/lib/crypto/credentials";
import { AppError, forbidden } from "@/lib/errors";
import { parseCredentials } from "@/lib/systems/schema";
import { requireSystem } from "./lookup";
import { NAME_TAKEN_MESSAGE, slotTakenMessage } from "./placement-rules";
import { assertSavable, type SaveOptions } from "./save-check";
import type { createConnectorSchema } from "./schemas";

export type CreateConnectorInput = z.output<typeof createConnectorSchema> & { credentials: Record<string, unknown> };

const credentialErrors = (errors: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [`credentials.${k}`, v]));

/**
 * Adds a connector: validate, enforce one live and one test connector per system per company group, check the
 * credentials, and save only as the product's save rule allows. The row, its first health record and the audit
 * entry are one transaction.
 */
export async function createConnector(db: Db, actor: SessionUser, input: CreateConnectorInput, opts: SaveOptions = {}) {
  if (!can(actor, "connectors.manage")) throw forbidden();
  const { system, authType } = requireSystem(input.systemId, input.authType);
  if (!system)
    throw new AppError("INVALID", "Choose a system from the list.", { systemId: ["Choose a system from the list."] });
  if (!authType)
    throw new AppError("INVALID", `Choose an authentication type ${system.name} supports.`, {
      authType: ["Choose an authentication type from the list."],
    });
  // Patchbay issues a platform-managed connector's credentials after saving: anything typed for them is not used.
  const parsed = parseCredentials(authType, system.platformManaged ? {} : input.credentials);
  if (!parsed.ok)
    throw new AppError("INVALID", "Please correct the credentials marked below.", credentialErrors(parsed.fieldErrors));

  const group = await findCompanyGroup(db, { orgId: actor.orgId, id: input.companyGroupId });
  if (!group)
    throw new AppError("INVALID", "Choose a company group.", {
      companyGroupId: ["Choose a company group from the list."],
    });
  const where = { orgId: actor.orgId, companyGroupId: group.id, systemId: system.id, environment: input.environment };
  const existing = await findConnectorInGroup(db, where);
  if (existing) {
    throw new AppError(
      "CONFLICT",
      slotTakenMessage(group.name, input.environment, system.name, existing.name),
      undefined,
      { link: { href: `/connectors/${existing.id}`, label: `Open "${existing.name}"` } },
    );
  }
  if (await connectorNameTaken(db, { orgId: actor.orgId, name: input.name })) throw nameConflict();

  const credentials = parsed.data;
  await system.hooks?.beforeCheck?.(db, { orgId: actor.orgId, name: input.name, credentials });
  // Platform-managed systems (Inbound API) cannot pass a check before the platform has issued their credentials.
  const check = system.platformManaged
    ? null
    : await checkConnector(
        db,
        { orgId: actor.orgId, system, authType: authType.id, credentials },
        { mode: "save", config: opts.checkOverrides },
      );
  const result = check?.result ?? null;
  if (result) assertSavable(result, input.saveOffline);

  const id = randomUUID();
  try {
    await db.transaction(async (tx) => {
      await insertConnector(tx, {
        id,
        orgId: actor.orgId,
        companyGroupId: group.id,
        systemId: system.id,
        authType: authType.id,
        environment: input.environment,
        name: input.name,
        timeZone: input.timeZone,
        dateFormat: input.dateFormat,
        ...encryptCredentials(id, credentials),
      });
      await system.hooks?.onSave?.(tx, { orgId: actor.orgId, connectorId: id, name: input.name, credentials });
      if (check) await check.record(tx, id);
      await recordAudit(tx, actor, {
        action: "connector.created",
        summary: `Created the ${input.environment} ${system.name} connector "${input.name}"`,
        connectorId: id,
        connectorName: input.name,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, "connectors_org_name_uq")) throw nameConflict();
    if (isUniqueViolation(error, "connectors_group_system_env_uq"))
      throw new AppError(
        "CONFLICT",
        `Another ${input.environment} ${system.name} connector was just added to ${group.name}.`,
      );
    throw error;
  }
  return { id, result };
}

const nameConflict = () =>
  new AppError("CONFLICT", "That name is taken.", {
    name: [NAME_TAKEN_MESSAGE],
  });
