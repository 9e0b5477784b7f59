"use server";

import { getDb } from "@/db";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/manage";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/api-tokens/schemas";
import type { FormState } from "@/lib/form-state";
import { runAction } from "./run-action";

const common = { permission: "api-tokens.manage", revalidate: "/settings/api-tokens" } as const;

/** The new token's plaintext travels in `reveal`, in this one response only; nothing ever shows it again. */
export async function createApiTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let token: string | undefined;
  const state = await runAction(
    formData,
    { ...common, schema: createApiTokenSchema, context: "api-tokens.create" },
    async (user, input) => {
      const created = await createApiToken(await getDb(), user, input);
      token = created.token;
      return `Token “${created.name}” created. Copy it now: it will not be shown again.`;
    },
  );
  return state.ok && token ? { ...state, reveal: { token } } : state;
}

export async function revokeApiTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: revokeApiTokenSchema, context: "api-tokens.revoke" },
    async (user, input) => {
      await revokeApiToken(await getDb(), user, input);
      return "Token revoked. Requests using it are refused from now on.";
    },
  );
}
