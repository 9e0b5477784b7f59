import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { connectors, notificationGroupMembers, notificationGroups, users } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { connectorGroupSchema, createGroupSchema, deleteGroupSchema, renameGroupSchema } from "./schemas";

/** Notification groups: plain functions behind the actions; every read and write is scoped by the actor's organisation. */
const nameTaken = () => new AppError("CONFLICT", "A notification group with that name exists.", { name: ["A notification group with that name already exists."] });
const assertAllowed = (actor: SessionUser) => {
  if (!can(actor, "notifications.manage")) throw forbidden();
};

export async function listNotificationGroups(db: Db, { orgId }: { orgId: string }) {
  const groups = await db.select().from(notificationGroups).where(eq(notificationGroups.orgId, orgId)).orderBy(asc(notificationGroups.name));
  const ids = groups.map((g) => g.id);
  const members = ids.length
    ? await db
        .select({ id: notificationGroupMembers.id, groupId: notificationGroupMembers.groupId, email: notificationGroupMembers.email, userId: users.id, userName: users.name, userEmail: users.email })
        .from(notificationGroupMembers)
        .leftJoin(users, and(eq(users.id, notificationGroupMembers.userId), eq(users.orgId, orgId)))
        .where(inArray(notificationGroupMembers.groupId, ids))
    : [];
  const used = ids.length
    ? await db.select({ groupId: connectors.notificationGroupId, name: connectors.name }).from(connectors).where(and(eq(connectors.orgId, orgId), inArray(connectors.notificationGroupId, ids)))
    : [];
  return groups.map((g) => ({
    ...g,
    members: members.filter((m) => m.groupId === g.id).map((m) => ({ id: m.id, label: m.userId ? `${m.userName} <${m.userEmail}>` : m.email!, isUser: !!m.userId })),
    connectors: used.filter((u) => u.groupId === g.id).map((u) => u.name),
  }));
}

export async function getGroupInOrg(db: Db, { orgId, id }: { orgId: string; id: string }) {
  const [row] = await db.select().from(notificationGroups).where(and(eq(notificationGroups.orgId, orgId), eq(notificationGroups.id, id))).limit(1);
  if (!row) throw notFound("Notification group");
  return row;
}

export async function createNotificationGroup(db: Db, actor: SessionUser, input: z.output<typeof createGroupSchema>) {
  assertAllowed(actor);
  try {
    const [row] = await db.insert(notificationGroups).values({ orgId: actor.orgId, name: input.name }).returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error, "notification_groups_org_name_uq")) throw nameTaken();
    throw error;
  }
}

export async function renameNotificationGroup(db: Db, actor: SessionUser, input: z.output<typeof renameGroupSchema>) {
  assertAllowed(actor);
  try {
    const rows = await db
      .update(notificationGroups)
      .set({ name: input.name })
      .where(and(eq(notificationGroups.orgId, actor.orgId), eq(notificationGroups.id, input.groupId)))
      .returning({ id: notificationGroups.id });
    if (rows.length === 0) throw notFound("Notification group");
  } catch (error) {
    if (isUniqueViolation(error, "notification_groups_org_name_uq")) throw nameTaken();
    throw error;
  }
}

/** Connectors that used the group fall back to the administrators (the FK sets their choice to null). */
export async function deleteNotificationGroup(db: Db, actor: SessionUser, input: z.output<typeof deleteGroupSchema>) {
  assertAllowed(actor);
  const rows = await db
    .delete(notificationGroups)
    .where(and(eq(notificationGroups.orgId, actor.orgId), eq(notificationGroups.id, input.groupId)))
    .returning({ id: notificationGroups.id });
  if (rows.length === 0) throw notFound("Notification group");
}

/** Which group hears about a connector; "" = the organisation's administrators. Both must be the actor's organisation's. */
export async function setConnectorNotificationGroup(db: Db, actor: SessionUser, input: z.output<typeof connectorGroupSchema>) {
  assertAllowed(actor);
  if (input.groupId) await getGroupInOrg(db, { orgId: actor.orgId, id: input.groupId });
  const rows = await db
    .update(connectors)
    .set({ notificationGroupId: input.groupId || null })
    .where(and(eq(connectors.orgId, actor.orgId), eq(connectors.id, input.connectorId)))
    .returning({ id: connectors.id });
  if (rows.length === 0) throw notFound("That connector");
}

/** The connector's current choice ("" = administrators) and the organisation's groups to choose from. */
export async function getConnectorNotificationChoice(db: Db, { orgId, connectorId }: { orgId: string; connectorId: string }) {
  const [[row], groups] = await Promise.all([
    db.select({ groupId: connectors.notificationGroupId }).from(connectors).where(and(eq(connectors.orgId, orgId), eq(connectors.id, connectorId))).limit(1),
    db.select({ id: notificationGroups.id, name: notificationGroups.name }).from(notificationGroups).where(eq(notificationGroups.orgId, orgId)).orderBy(asc(notificationGroups.name)),
  ]);
  return { groupId: row?.groupId ?? "", groups };
}
