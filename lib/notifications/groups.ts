import type { z } from "zod";
import type { Db } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { getConnectorNotificationGroupId, setConnectorNotificationGroupId } from "@/db/queries/connectors";
import {
  deleteNotificationGroupRow,
  findNotificationGroup,
  insertNotificationGroup,
  listConnectorsNotifying,
  listGroupMembers,
  listNotificationGroupRows,
  renameNotificationGroupRow,
} from "@/db/queries/notification-groups";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { connectorGroupSchema, createGroupSchema, deleteGroupSchema, renameGroupSchema } from "./schemas";

/** Notification groups: plain functions behind the actions; every read and write is scoped by the actor's organisation. */
const nameTaken = () =>
  new AppError("CONFLICT", "A notification group with that name exists.", {
    name: ["A notification group with that name already exists."],
  });
const assertAllowed = (actor: SessionUser) => {
  if (!can(actor, "notifications.manage")) throw forbidden();
};

export async function listNotificationGroups(db: Db, { orgId }: { orgId: string }) {
  const groups = await listNotificationGroupRows(db, { orgId });
  const groupIds = groups.map((g) => g.id);
  const members = groupIds.length ? await listGroupMembers(db, { orgId, groupIds }) : [];
  const used = groupIds.length ? await listConnectorsNotifying(db, { orgId, groupIds }) : [];
  return groups.map((g) => ({
    ...g,
    members: members
      .filter((m) => m.groupId === g.id)
      .map((m) => ({
        id: m.id,
        label: m.userId ? `${m.userName} <${m.userEmail}>` : (m.email ?? ""),
        isUser: !!m.userId,
      })),
    connectors: used.filter((u) => u.groupId === g.id).map((u) => u.name),
  }));
}

export async function getGroupInOrg(db: Db, { orgId, id }: { orgId: string; id: string }) {
  const row = await findNotificationGroup(db, { orgId, groupId: id });
  if (!row) throw notFound("Notification group");
  return row;
}

export async function createNotificationGroup(db: Db, actor: SessionUser, input: z.output<typeof createGroupSchema>) {
  assertAllowed(actor);
  try {
    return await insertNotificationGroup(db, { orgId: actor.orgId, name: input.name });
  } catch (error) {
    if (isUniqueViolation(error, "notification_groups_org_name_uq")) throw nameTaken();
    throw error;
  }
}

export async function renameNotificationGroup(db: Db, actor: SessionUser, input: z.output<typeof renameGroupSchema>) {
  assertAllowed(actor);
  try {
    const renamed = await renameNotificationGroupRow(db, {
      orgId: actor.orgId,
      groupId: input.groupId,
      name: input.name,
    });
    if (!renamed) throw notFound("Notification group");
  } catch (error) {
    if (isUniqueViolation(error, "notification_groups_org_name_uq")) throw nameTaken();
    throw error;
  }
}

/** Connectors that used the group fall back to the administrators (the FK sets their choice to null). */
export async function deleteNotificationGroup(db: Db, actor: SessionUser, input: z.output<typeof deleteGroupSchema>) {
  assertAllowed(actor);
  const deleted = await deleteNotificationGroupRow(db, { orgId: actor.orgId, groupId: input.groupId });
  if (!deleted) throw notFound("Notification group");
}

/** Which group hears about a connector; "" = the organisation's administrators. Both must be the actor's organisation's. */
export async function setConnectorNotificationGroup(
  db: Db,
  actor: SessionUser,
  input: z.output<typeof connectorGroupSchema>,
) {
  assertAllowed(actor);
  if (input.groupId) await getGroupInOrg(db, { orgId: actor.orgId, id: input.groupId });
  const scope = { orgId: actor.orgId, id: input.connectorId };
  if (!(await setConnectorNotificationGroupId(db, scope, input.groupId || null))) throw notFound("That connector");
}

/** The connector's current choice ("" = administrators) and the organisation's groups to choose from. */
export async function getConnectorNotificationChoice(
  db: Db,
  { orgId, connectorId }: { orgId: string; connectorId: string },
) {
  const [groupId, groups] = await Promise.all([
    getConnectorNotificationGroupId(db, { orgId, id: connectorId }),
    listNotificationGroupRows(db, { orgId }),
  ]);
  return { groupId: groupId ?? "", groups: groups.map((g) => ({ id: g.id, name: g.name })) };
}
export type ConnectorNotificationChoice = Awaited<ReturnType<typeof getConnectorNotificationChoice>>;
