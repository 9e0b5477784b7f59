import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { connectors, notificationGroupMembers, notificationGroups, users } from "@/db/schema";

/** Notification groups and their members; every query is scoped by organisation (members through their group). */
type GroupScope = { orgId: string; groupId: string };

export function listNotificationGroupRows(db: DbOrTx, { orgId }: { orgId: string }) {
  return db
    .select()
    .from(notificationGroups)
    .where(eq(notificationGroups.orgId, orgId))
    .orderBy(asc(notificationGroups.name));
}

/** The members of these groups, with the user each one names (only a user of the same organisation). */
export function listGroupMembers(db: DbOrTx, { orgId, groupIds }: { orgId: string; groupIds: string[] }) {
  return (
    db
      .select({
        id: notificationGroupMembers.id,
        groupId: notificationGroupMembers.groupId,
        email: notificationGroupMembers.email,
        userId: users.id,
        userName: users.name,
        userEmail: users.email,
      })
      .from(notificationGroupMembers)
      // The org condition on the join: a user id can never pull in someone of another organisation.
      .leftJoin(users, and(eq(users.id, notificationGroupMembers.userId), eq(users.orgId, orgId)))
      .where(inArray(notificationGroupMembers.groupId, ownGroupIds(db, { orgId, groupIds })))
      // Shown in this order: by the name a user member goes by, or the address.
      .orderBy(sql`lower(coalesce(${users.name}, ${notificationGroupMembers.email}))`, asc(notificationGroupMembers.id))
  );
}

/** The organisation's connectors that notify one of these groups. */
export function listConnectorsNotifying(db: DbOrTx, { orgId, groupIds }: { orgId: string; groupIds: string[] }) {
  return db
    .select({ groupId: connectors.notificationGroupId, name: connectors.name })
    .from(connectors)
    .where(and(eq(connectors.orgId, orgId), inArray(connectors.notificationGroupId, groupIds)))
    .orderBy(sql`lower(${connectors.name})`);
}

export async function findNotificationGroup(db: DbOrTx, { orgId, groupId }: GroupScope) {
  const row = (
    await db
      .select()
      .from(notificationGroups)
      .where(and(eq(notificationGroups.orgId, orgId), eq(notificationGroups.id, groupId)))
      .limit(1)
  ).at(0);
  return row;
}

export async function insertNotificationGroup(db: DbOrTx, values: { orgId: string; name: string }) {
  const [row] = await db.insert(notificationGroups).values(values).returning();
  return row;
}

/** False when the organisation has no such group. */
export async function renameNotificationGroupRow(db: DbOrTx, { orgId, groupId, name }: GroupScope & { name: string }) {
  const rows = await db
    .update(notificationGroups)
    .set({ name })
    .where(and(eq(notificationGroups.orgId, orgId), eq(notificationGroups.id, groupId)))
    .returning({ id: notificationGroups.id });
  return rows.length > 0;
}

/** False when the organisation has no such group. Its members go with it; connectors using it fall back to null. */
export async function deleteNotificationGroupRow(db: DbOrTx, { orgId, groupId }: GroupScope) {
  const rows = await db
    .delete(notificationGroups)
    .where(and(eq(notificationGroups.orgId, orgId), eq(notificationGroups.id, groupId)))
    .returning({ id: notificationGroups.id });
  return rows.length > 0;
}

/**
 * A member is a user or a plain address (exactly one of the two). The caller has found the group
 * (findNotificationGroup) and the user in its organisation.
 */
export async function insertGroupMember(
  db: DbOrTx,
  values: { groupId: string; userId: string | null; email: string | null },
) {
  await db.insert(notificationGroupMembers).values(values);
}

/** False when the group (of the organisation) has no such member. */
export async function deleteGroupMember(db: DbOrTx, { orgId, groupId, memberId }: GroupScope & { memberId: string }) {
  const rows = await db
    .delete(notificationGroupMembers)
    .where(
      and(
        inArray(notificationGroupMembers.groupId, ownGroupIds(db, { orgId, groupIds: [groupId] })),
        eq(notificationGroupMembers.id, memberId),
      ),
    )
    .returning({ id: notificationGroupMembers.id });
  return rows.length > 0;
}

/** The addresses a group's members receive at: a plain address, or its user's when that user is of the organisation. */
export async function listMemberAddresses(db: DbOrTx, { orgId, groupId }: GroupScope): Promise<string[]> {
  const rows = await db
    .select({ plain: notificationGroupMembers.email, userEmail: users.email })
    .from(notificationGroupMembers)
    .leftJoin(users, and(eq(users.id, notificationGroupMembers.userId), eq(users.orgId, orgId)))
    .where(inArray(notificationGroupMembers.groupId, ownGroupIds(db, { orgId, groupIds: [groupId] })));
  return rows.map((r) => r.plain ?? r.userEmail).filter((e): e is string => !!e);
}

const ownGroupIds = (db: DbOrTx, { orgId, groupIds }: { orgId: string; groupIds: string[] }) =>
  db
    .select({ id: notificationGroups.id })
    .from(notificationGroups)
    .where(and(eq(notificationGroups.orgId, orgId), inArray(notificationGroups.id, groupIds)));
