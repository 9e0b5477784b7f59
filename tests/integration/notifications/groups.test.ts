import { eq } from "drizzle-orm";
import { connectors, notificationGroups } from "@/db/schema";
import {
  createNotificationGroup,
  deleteNotificationGroup,
  listNotificationGroups,
  renameNotificationGroup,
  setConnectorNotificationGroup,
} from "@/lib/notifications/groups";
import { addGroupMember, removeGroupMember } from "@/lib/notifications/members";
import { resolveRecipients } from "@/lib/notifications/recipients";
import { addMemberSchema } from "@/lib/notifications/schemas";
import { useTestDb } from "../../helpers/db";
import { createConnector, createMember, createOrganisation } from "../../helpers/factories";

const db = useTestDb();

describe("notification groups", () => {
  it("create, rename, add users and addresses, remove, delete; recipients follow", async () => {
    const org = await createOrganisation(db());
    const user = await createMember(db(), org.orgId, "manager");
    const group = await createNotificationGroup(db(), org.admin, { name: "Warehouse team" });
    await expect(createNotificationGroup(db(), org.admin, { name: "warehouse TEAM" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await renameNotificationGroup(db(), org.admin, { groupId: group.id, name: "Warehouse" });

    await addGroupMember(db(), org.admin, { groupId: group.id, userId: user.id });
    await addGroupMember(db(), org.admin, { groupId: group.id, email: "Night.Shift@Example.net" });
    await expect(
      addGroupMember(db(), org.admin, { groupId: group.id, email: "night.shift@example.net" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(addGroupMember(db(), org.admin, { groupId: group.id, userId: user.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await resolveRecipients(db(), { orgId: org.orgId, groupId: group.id })).toEqual(
      ["night.shift@example.net", user.email].sort(),
    );

    const [listed] = await listNotificationGroups(db(), { orgId: org.orgId });
    expect(listed).toMatchObject({
      name: "Warehouse",
      members: expect.arrayContaining([expect.objectContaining({ label: "night.shift@example.net", isUser: false })]),
    });
    const plain = listed.members.find((m) => !m.isUser)!;
    await removeGroupMember(db(), org.admin, { groupId: group.id, memberId: plain.id });
    expect(await resolveRecipients(db(), { orgId: org.orgId, groupId: group.id })).toEqual([user.email]);

    const c = await createConnector(db(), org.orgId, {
      systemId: "sandbox",
      authType: "api-key",
      credentials: { apiKey: "k" },
    });
    await setConnectorNotificationGroup(db(), org.admin, { connectorId: c.id, groupId: group.id });
    expect((await listNotificationGroups(db(), { orgId: org.orgId }))[0].connectors).toEqual([c.name]);
    await deleteNotificationGroup(db(), org.admin, { groupId: group.id });
    const [after] = await db().select().from(connectors).where(eq(connectors.id, c.id));
    expect(after.notificationGroupId).toBeNull(); // back to the administrators
    expect(await resolveRecipients(db(), { orgId: org.orgId, groupId: group.id })).toEqual([org.admin.email]);
  });

  it("another organisation's groups, users and connectors are not found, and only administrators manage", async () => {
    const mine = await createOrganisation(db());
    const theirs = await createOrganisation(db());
    const theirGroup = await createNotificationGroup(db(), theirs.admin, { name: "Theirs" });
    const myGroup = await createNotificationGroup(db(), mine.admin, { name: "Mine" });
    const theirUser = await createMember(db(), theirs.orgId, "user");
    const theirConnector = await createConnector(db(), theirs.orgId, {
      systemId: "sandbox",
      authType: "api-key",
      credentials: { apiKey: "k" },
    });
    const myConnector = await createConnector(db(), mine.orgId, {
      systemId: "sandbox",
      authType: "api-key",
      credentials: { apiKey: "k" },
    });

    await expect(addGroupMember(db(), mine.admin, { groupId: myGroup.id, userId: theirUser.id })).rejects.toMatchObject(
      { code: "NOT_FOUND" },
    );
    await expect(
      addGroupMember(db(), mine.admin, { groupId: theirGroup.id, email: "x@example.com" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      setConnectorNotificationGroup(db(), mine.admin, { connectorId: myConnector.id, groupId: theirGroup.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      setConnectorNotificationGroup(db(), mine.admin, { connectorId: theirConnector.id, groupId: "" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteNotificationGroup(db(), mine.admin, { groupId: theirGroup.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // A group id of another organisation stored on a connector (never possible through the app) still reaches only this one's admins.
    expect(await resolveRecipients(db(), { orgId: mine.orgId, groupId: theirGroup.id })).toEqual([mine.admin.email]);
    const manager = await createMember(db(), mine.orgId, "manager");
    await expect(createNotificationGroup(db(), manager, { name: "Nope" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db().select().from(notificationGroups).where(eq(notificationGroups.orgId, theirs.orgId))).toHaveLength(
      1,
    );
  });

  it("a member is a user or a valid address, exactly one of them", () => {
    const groupId = "8a0c4b1e-7d2f-4c3a-9e5b-1f2a3b4c5d6e";
    expect(addMemberSchema.safeParse({ groupId, email: "not-an-address" }).success).toBe(false);
    expect(addMemberSchema.safeParse({ groupId, userId: "", email: "" }).success).toBe(false);
    expect(addMemberSchema.safeParse({ groupId, userId: groupId, email: "a@example.com" }).success).toBe(false);
    expect(addMemberSchema.safeParse({ groupId, userId: "", email: " A@Example.com " })).toMatchObject({
      success: true,
      data: { email: "a@example.com" },
    });
  });
});
