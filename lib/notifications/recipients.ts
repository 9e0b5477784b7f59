import type { Db } from "@/db";
import { findNotificationGroup, listMemberAddresses } from "@/db/queries/notification-groups";
import { listAdministratorEmails } from "@/db/queries/users";

/**
 * Who gets an e-mail, resolved when it is sent: the group the connector had when the change happened (kept in the
 * outbox row), with its members as they are now, so someone removed from the group or the organisation in the
 * meantime is not written to. No group, or a group deleted since: the organisation's administrators.
 */
export async function resolveRecipients(db: Db, { orgId, groupId }: { orgId: string; groupId?: string | null }): Promise<string[]> {
  const group = groupId ? await findNotificationGroup(db, { orgId, groupId }) : undefined;
  if (!group) return dedupe(await listAdministratorEmails(db, { orgId }));
  return dedupe(await listMemberAddresses(db, { orgId, groupId: group.id }));
}

function dedupe(emails: string[]): string[] {
  const seen = new Map<string, string>();
  for (const e of emails) if (!seen.has(e.toLowerCase())) seen.set(e.toLowerCase(), e);
  return [...seen.values()].sort();
}
