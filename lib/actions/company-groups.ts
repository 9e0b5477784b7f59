"use server";

import { getDb } from "@/db";
import { addCompanyGroup, deleteCompanyGroup, renameCompanyGroup } from "@/lib/accounts/company-groups";
import { addCompanyGroupSchema, deleteCompanyGroupSchema, renameCompanyGroupSchema } from "@/lib/accounts/schemas";
import type { FormState } from "@/lib/form-state";
import { runAction } from "./run-action";

const common = { permission: "company-groups.manage", revalidate: "/settings/company-groups" } as const;

export async function addCompanyGroupAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: addCompanyGroupSchema, context: "groups.add" },
    async (user, input) => {
      await addCompanyGroup(await getDb(), user, input);
      return `Company group "${input.name}" added.`;
    },
  );
}

export async function renameCompanyGroupAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: renameCompanyGroupSchema, context: "groups.rename" },
    async (user, input) => {
      await renameCompanyGroup(await getDb(), user, input);
      return "Company group renamed.";
    },
  );
}

export async function deleteCompanyGroupAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: deleteCompanyGroupSchema, context: "groups.delete" },
    async (user, input) => {
      const group = await deleteCompanyGroup(await getDb(), user, input);
      return `Company group "${group.name}" deleted.`;
    },
  );
}
