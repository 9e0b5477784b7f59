import type { z } from "zod";
import type { Db } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { insertCompanyGroup, renameCompanyGroupRow } from "@/db/queries/company-groups";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { addCompanyGroupSchema, renameCompanyGroupSchema } from "./schemas";

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
