"use server";

import { getDb } from "@/db";
import { resendInvitation } from "@/lib/accounts/invitations";
import { addUserSchema, changeRoleSchema, removeUserSchema, resendInvitationSchema } from "@/lib/accounts/schemas";
import { addUser, changeRole, removeUser } from "@/lib/accounts/users";
import type { FormState } from "@/lib/form-state";
import { deliverSoon } from "./deliver-soon";
import { runAction } from "./run-action";

const common = { permission: "users.manage", revalidate: "/settings/users" } as const;

export async function addUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(formData, { ...common, schema: addUserSchema, context: "users.add" }, async (user, input) => {
    const db = await getDb();
    await addUser(db, user, input);
    deliverSoon(db);
    return `Invitation sent to ${input.email}. ${input.name} can sign in after choosing a password through its link.`;
  });
}

export async function resendInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: resendInvitationSchema, context: "users.invite" },
    async (user, input) => {
      const db = await getDb();
      await resendInvitation(db, user, input);
      deliverSoon(db);
      return "Invitation sent again; the earlier link no longer works.";
    },
  );
}

export async function changeRoleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(formData, { ...common, schema: changeRoleSchema, context: "users.role" }, async (user, input) => {
    await changeRole(await getDb(), user, input);
    return "Role changed.";
  });
}

export async function removeUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(formData, { ...common, schema: removeUserSchema, context: "users.remove" }, async (user, input) => {
    await removeUser(await getDb(), user, input);
    return "User removed.";
  });
}
