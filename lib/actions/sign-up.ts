"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { signUpSchema } from "@/lib/accounts/schemas";
import { confirmSignUp, signUp, signUpAnswer } from "@/lib/accounts/sign-up";
import { fromError } from "@/lib/form-error";
import { type FormState, formValues, fromZodError } from "@/lib/form-state";
import { logError } from "@/lib/log";
import { canDeliverMail, SIGN_UP_NEEDS_MAIL } from "@/lib/notifications/mailer";
import { deliverSoon } from "./deliver-soon";
import { requestAddress } from "./request-address";

/**
 * Public (no session): starts a sign-up. The answer is the same whether or not the e-mail already had an account:
 * either way an e-mail follows (the link to finish, or a note to the owner), so it reveals nothing; only too many
 * sign-ups from one client address are refused.
 */
export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["password"]);
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error, values);
  if (!canDeliverMail()) return { ok: false, message: SIGN_UP_NEEDS_MAIL, values };
  try {
    const db = await getDb();
    await signUp(db, { ...parsed.data, address: await requestAddress() });
    deliverSoon(db);
  } catch (error) {
    return fromError(error, values, "sign-up");
  }
  return {
    ok: true,
    message: signUpAnswer(parsed.data),
    values: { email: parsed.data.email, organisationName: parsed.data.organisationName },
  };
}

/**
 * Public: the button of a sign-up link's page (never the link itself: mail scanners open links). Creates the
 * organisation and sends its administrator to sign in; a link that no longer works shows the one calm message.
 */
export async function confirmSignUpAction(formData: FormData): Promise<void> {
  const raw = formData.get("token");
  const token = typeof raw === "string" ? raw : "";
  let created = false;
  try {
    created = Boolean(await confirmSignUp(await getDb(), token));
  } catch (error) {
    // Nothing was created (one transaction) and the link still works: the page offers the button again.
    logError("sign-up confirm", error);
    redirect(`/signup/confirm?${new URLSearchParams({ token, failed: "1" })}`);
  }
  redirect(created ? "/login?ready=1" : "/signup/confirm");
}
