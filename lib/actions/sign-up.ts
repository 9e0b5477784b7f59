"use server";

import { getDb } from "@/db";
import { signUpSchema } from "@/lib/accounts/schemas";
import { signUp } from "@/lib/accounts/sign-up";
import { type FormState, formValues, fromError, fromZodError } from "@/lib/form-state";

/**
 * Public (no session): creates the organisation; the form then signs in with the same credentials. The answer is the
 * same whether or not the e-mail already had an account (its owner is told by e-mail), so it reveals nothing.
 */
export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["password"]);
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error, values);
  try {
    await signUp(await getDb(), parsed.data);
  } catch (error) {
    return fromError(error, values, "sign-up");
  }
  return { ok: true, message: "Thanks. Signing you in…", values };
}
