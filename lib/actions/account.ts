"use server";

import { cookies } from "next/headers";
import { getDb } from "@/db";
import { changePasswordSchema } from "@/lib/accounts/schemas";
import { changeOwnPassword } from "@/lib/accounts/password";
import { issueSessionCookie } from "@/lib/auth/session-token";
import type { FormState } from "@/lib/form-state";
import { runAction } from "./run-action";

/** Every session of the user ends; this device gets a new session cookie, so only the others are signed out. */
export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { schema: changePasswordSchema, permission: "account.password", omit: () => true, context: "account.password" },
    async (user, input) => {
      const { sessionVersion } = await changeOwnPassword(await getDb(), user, input);
      const cookie = await issueSessionCookie({ sub: user.id, sv: sessionVersion });
      (await cookies()).set(cookie.name, cookie.value, cookie.options);
      return "Password changed. You were signed out everywhere else.";
    },
  );
}
