import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { notificationGroupMembers, notificationGroups, users } from "@/db/schema";

/**
 * Who gets an e-mail, resolved when it is sent: the group the connector had when the change happened (kept in the
 * outbox row), with its members as they are now, so someone removed from the group or the organisation in the
 * meantime is not written to. No group, or a group deleted since: the organisation's administrators.
 */
export async function resolveRecipients(db: Db, { orgId, groupId }: { orgId: string; groupId?: string | null }): Promise<string[]> {
  const group = groupId
    ? (await db.select({ id: notificationGroups.id }).from(notificationGroups).where(and(eq(notificationGroups.orgId, orgId), eq(notificationGroups.id, groupId))).limit(1))[0]
    : undefined;
  if (!group) {
    const admins = await db.select({ email: users.email }).from(users).where(and(eq(users.orgId, orgId), eq(users.role, "administrator")));
    return dedupe(admins.map((a) => a.email));
  }
  const rows = await db
    .select({ plain: notificationGroupMembers.email, userEmail: users.email })
    .from(notificationGroupMembers)
    // The org condition on the join: a user id can never pull in someone of another organisation.
    .leftJoin(users, and(eq(users.id, notificationGroupMembers.userId), eq(users.orgId, orgId)))
    .where(eq(notificationGroupMembers.groupId, group.id));
  return dedupe(rows.map((r) => r.plain ?? r.userEmail).filter((e): e is string => !!e));
}

function dedupe(emails: string[]): string[] {
  const seen = new Map<string, string>();
  for (const e of emails) if (!seen.has(e.toLowerCase())) seen.set(e.toLowerCase(), e);
  return [...seen.values()].sort();
}

