import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { companyGroups } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { addCompanyGroupSchema, renameCompanyGroupSchema } from "./schemas";

const nameTaken = () => new AppError("CONFLICT", "A company group with that name exists.", { name: ["A company group with that name already exists."] });

export function listCompanyGroups(db: Db, { orgId }: { orgId: string }) {
  return db.select().from(companyGroups).where(eq(companyGroups.orgId, orgId)).orderBy(asc(companyGroups.createdAt));
}

export async function addCompanyGroup(db: Db, actor: SessionUser, input: z.output<typeof addCompanyGroupSchema>) {
  if (!can(actor, "company-groups.manage")) throw forbidden();
  try {
    const [row] = await db.insert(companyGroups).values({ orgId: actor.orgId, name: input.name }).returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error, "company_groups_org_name_uq")) throw nameTaken();
    throw error;
  }
}

export async function renameCompanyGroup(db: Db, actor: SessionUser, input: z.output<typeof renameCompanyGroupSchema>) {
  if (!can(actor, "company-groups.manage")) throw forbidden();
  try {
    const rows = await db
      .update(companyGroups)
      .set({ name: input.name })
      .where(and(eq(companyGroups.orgId, actor.orgId), eq(companyGroups.id, input.groupId)))
      .returning({ id: companyGroups.id });
    if (rows.length === 0) throw notFound("Company group");
  } catch (error) {
    if (isUniqueViolation(error, "company_groups_org_name_uq")) throw nameTaken();
    throw error;
  }
}
