"use server";

import { getDb } from "@/db";
import { addUserSchema, changeRoleSchema, removeUserSchema } from "@/lib/accounts/schemas";
import { addUser, changeRole, removeUser } from "@/lib/accounts/users";
import type { FormState } from "@/lib/form-state";
import { runAction } from "./run-action";

const common = { permission: "users.manage", revalidate: "/settings/users" } as const;

export async function addUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: addUserSchema, omit: ["password"], context: "users.add" },
    async (user, input) => {
      await addUser(await getDb(), user, input);
      return `${input.name} can now sign in as ${input.email}.`;
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
