import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { notificationGroupMembers, users } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { getGroupInOrg } from "./groups";
import type { addMemberSchema, removeMemberSchema } from "./schemas";

/** Adds a user of the organisation, or a plain address, to a group of the organisation. */
export async function addGroupMember(db: Db, actor: SessionUser, input: z.output<typeof addMemberSchema>) {
  if (!can(actor, "notifications.manage")) throw forbidden();
  await getGroupInOrg(db, { orgId: actor.orgId, id: input.groupId });
  if (input.userId) {
    // Another organisation's user is "not found", exactly like an id that does not exist.
    const [user] = await db.select({ id: users.id }).from(users).where(and(eq(users.orgId, actor.orgId), eq(users.id, input.userId))).limit(1);
    if (!user) throw notFound("User");
  }
  try {
    await db.insert(notificationGroupMembers).values({ groupId: input.groupId, userId: input.userId || null, email: input.userId ? null : input.email!.toLowerCase() });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Already in this group.", { email: ["Already in this group."] });
    throw error;
  }
}

export async function removeGroupMember(db: Db, actor: SessionUser, input: z.output<typeof removeMemberSchema>) {
  if (!can(actor, "notifications.manage")) throw forbidden();
  await getGroupInOrg(db, { orgId: actor.orgId, id: input.groupId });
  const rows = await db
    .delete(notificationGroupMembers)
    .where(and(eq(notificationGroupMembers.groupId, input.groupId), eq(notificationGroupMembers.id, input.memberId)))
    .returning({ id: notificationGroupMembers.id });
  if (rows.length === 0) throw notFound("Member");
}
