import type { z } from "zod";
import type { Db } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { deleteGroupMember, insertGroupMember } from "@/db/queries/notification-groups";
import { userInOrg } from "@/db/queries/users";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { getGroupInOrg } from "./groups";
import type { addMemberSchema, removeMemberSchema } from "./schemas";

/** Adds a user of the organisation, or a plain address, to a group of the organisation. */
export async function addGroupMember(db: Db, actor: SessionUser, input: z.output<typeof addMemberSchema>) {
  if (!can(actor, "notifications.manage")) throw forbidden();
  await getGroupInOrg(db, { orgId: actor.orgId, id: input.groupId });
  // Another organisation's user is "not found", exactly like an id that does not exist.
  if (input.userId && !(await userInOrg(db, { orgId: actor.orgId, userId: input.userId }))) throw notFound("User");
  try {
    await insertGroupMember(db, { groupId: input.groupId, userId: input.userId || null, email: input.userId ? null : input.email!.toLowerCase() });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Already in this group.", { email: ["Already in this group."] });
    throw error;
  }
}

export async function removeGroupMember(db: Db, actor: SessionUser, input: z.output<typeof removeMemberSchema>) {
  if (!can(actor, "notifications.manage")) throw forbidden();
  await getGroupInOrg(db, { orgId: actor.orgId, id: input.groupId });
  const removed = await deleteGroupMember(db, { orgId: actor.orgId, groupId: input.groupId, memberId: input.memberId });
  if (!removed) throw notFound("Member");
}
