import type { z } from "zod";
import type { Db } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import {
  deleteCompanyGroupRow,
  insertCompanyGroup,
  listConnectorsByCompanyGroup,
  lockCompanyGroup,
  renameCompanyGroupRow,
} from "@/db/queries/company-groups";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { addCompanyGroupSchema, deleteCompanyGroupSchema, renameCompanyGroupSchema } from "./schemas";

const nameTaken = () =>
  new AppError("CONFLICT", "A company group with that name exists.", {
    name: ["A company group with that name already exists."],
  });

export async function addCompanyGroup(db: Db, actor: SessionUser, input: z.output<typeof addCompanyGroupSchema>) {
  if (!can(actor, "company-groups.manage")) throw forbidden();
  try {
    return await insertCompanyGroup(db, { orgId: actor.orgId, name: input.name });
  } catch (error) {
    if (isUniqueViolation(error, "company_groups_org_name_uq")) throw nameTaken();
    throw error;
  }
}

export async function renameCompanyGroup(db: Db, actor: SessionUser, input: z.output<typeof renameCompanyGroupSchema>) {
  if (!can(actor, "company-groups.manage")) throw forbidden();
  try {
    const renamed = await renameCompanyGroupRow(db, { orgId: actor.orgId, id: input.groupId, name: input.name });
    if (!renamed) throw notFound("Company group");
  } catch (error) {
    if (isUniqueViolation(error, "company_groups_org_name_uq")) throw nameTaken();
    throw error;
  }
}

/** Why a group cannot be deleted, or undefined when it can: the default group never; any other while connectors use it. */
export function companyGroupDeleteBlocker(group: { isDefault: boolean }, connectorNames: string[]): string | undefined {
  if (group.isDefault) return "The default group cannot be deleted: new connectors go there when no group is chosen.";
  if (connectorNames.length === 0) return undefined;
  const n = connectorNames.length;
  return `Used by ${n} connector${n === 1 ? "" : "s"} (${connectorNames.join(", ")}): move ${n === 1 ? "it" : "them"} to another group or delete ${n === 1 ? "it" : "them"} first.`;
}

/**
 * Deletes a company group that no connector uses. The group is locked first, so a connector saved into it at the same
 * moment waits and then fails on the foreign key, or commits first and is found here: never an orphan either way.
 */
export async function deleteCompanyGroup(db: Db, actor: SessionUser, input: z.output<typeof deleteCompanyGroupSchema>) {
  if (!can(actor, "company-groups.manage")) throw forbidden();
  return db.transaction(async (tx) => {
    const group = await lockCompanyGroup(tx, { orgId: actor.orgId, id: input.groupId });
    if (!group) throw notFound("Company group");
    const used = await listConnectorsByCompanyGroup(tx, { orgId: actor.orgId, groupId: group.id });
    const blocker = companyGroupDeleteBlocker(
      group,
      used.map((c) => c.name),
    );
    if (blocker) throw new AppError("CONFLICT", blocker);
    await deleteCompanyGroupRow(tx, { orgId: actor.orgId, id: group.id });
    return group;
  });
}
