"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import type { FormState } from "@/lib/form-state";
import {
  createNotificationGroup,
  deleteNotificationGroup,
  renameNotificationGroup,
  setConnectorNotificationGroup,
} from "@/lib/notifications/groups";
import { addGroupMember, removeGroupMember } from "@/lib/notifications/members";
import {
  addMemberSchema,
  connectorGroupSchema,
  createGroupSchema,
  deleteGroupSchema,
  removeMemberSchema,
  renameGroupSchema,
} from "@/lib/notifications/schemas";
import { runAction } from "./run-action";

const common = { permission: "notifications.manage", revalidate: "/settings/notifications" } as const;

export async function createNotificationGroupAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: createGroupSchema, context: "notifications.group.create" },
    async (user, input) => {
      await createNotificationGroup(await getDb(), user, input);
      return `Notification group "${input.name}" created. Add its recipients in its section above.`;
    },
  );
}

export async function renameNotificationGroupAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: renameGroupSchema, context: "notifications.group.rename" },
    async (user, input) => {
      await renameNotificationGroup(await getDb(), user, input);
      return "Notification group renamed.";
    },
  );
}

export async function deleteNotificationGroupAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: deleteGroupSchema, context: "notifications.group.delete" },
    async (user, input) => {
      await deleteNotificationGroup(await getDb(), user, input);
      return "Notification group deleted; its connectors now notify the administrators.";
    },
  );
}

export async function addGroupMemberAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: addMemberSchema, context: "notifications.member.add" },
    async (user, input) => {
      await addGroupMember(await getDb(), user, input);
      return "Recipient added.";
    },
  );
}

export async function removeGroupMemberAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: removeMemberSchema, context: "notifications.member.remove" },
    async (user, input) => {
      await removeGroupMember(await getDb(), user, input);
      return "Recipient removed.";
    },
  );
}

export async function setConnectorNotificationGroupAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runAction(
    formData,
    { ...common, schema: connectorGroupSchema, context: "notifications.connector" },
    async (user, input) => {
      await setConnectorNotificationGroup(await getDb(), user, input);
      return input.groupId ? "Notification group saved." : "The administrators will be notified.";
    },
  );
  const id = formData.get("connectorId");
  if (state.ok && typeof id === "string") revalidatePath(`/connectors/${id}/settings`);
  return state;
}
