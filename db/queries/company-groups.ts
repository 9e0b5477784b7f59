import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { companyGroups, connectors } from "@/db/schema";

export function listCompanyGroups(db: DbOrTx, { orgId }: { orgId: string }) {
  return db.select().from(companyGroups).where(eq(companyGroups.orgId, orgId)).orderBy(asc(companyGroups.createdAt));
}

/** A company group of the organisation; without an id, the organisation's default group. */
export async function findCompanyGroup(db: DbOrTx, { orgId, id }: { orgId: string; id?: string }) {
  const row = (
    await db
      .select()
      .from(companyGroups)
      .where(and(eq(companyGroups.orgId, orgId), id ? eq(companyGroups.id, id) : eq(companyGroups.isDefault, true)))
      .limit(1)
  ).at(0);
  return row;
}

export async function insertCompanyGroup(db: DbOrTx, values: { orgId: string; name: string; isDefault?: boolean }) {
  const [row] = await db.insert(companyGroups).values(values).returning();
  return row;
}

/** Renames a group of the organisation; false when there is no such group. */
export async function renameCompanyGroupRow(
  db: DbOrTx,
  { orgId, id, name }: { orgId: string; id: string; name: string },
) {
  const rows = await db
    .update(companyGroups)
    .set({ name })
    .where(and(eq(companyGroups.orgId, orgId), eq(companyGroups.id, id)))
    .returning({ id: companyGroups.id });
  return rows.length > 0;
}

/** A group of the organisation, locked (FOR UPDATE) until the transaction ends: no connector can join it meanwhile. */
export async function lockCompanyGroup(db: DbOrTx, { orgId, id }: { orgId: string; id: string }) {
  const row = (
    await db
      .select()
      .from(companyGroups)
      .where(and(eq(companyGroups.orgId, orgId), eq(companyGroups.id, id)))
      .for("update")
  ).at(0);
  return row;
}

/** The organisation's connectors by company group, by name: what a group's delete is refused for. */
export function listConnectorsByCompanyGroup(db: DbOrTx, { orgId, groupId }: { orgId: string; groupId?: string }) {
  return db
    .select({ id: connectors.id, name: connectors.name, groupId: connectors.companyGroupId })
    .from(connectors)
    .where(and(eq(connectors.orgId, orgId), groupId ? eq(connectors.companyGroupId, groupId) : undefined))
    .orderBy(asc(connectors.name));
}

export async function deleteCompanyGroupRow(db: DbOrTx, { orgId, id }: { orgId: string; id: string }) {
  await db.delete(companyGroups).where(and(eq(companyGroups.orgId, orgId), eq(companyGroups.id, id)));
}
