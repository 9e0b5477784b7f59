"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { acceptInvitation } from "@/lib/accounts/invitations";
import { FORGOT_PASSWORD_ANSWER, requestPasswordReset, resetPassword } from "@/lib/accounts/password-reset";
import { forgotPasswordSchema, setPasswordSchema } from "@/lib/accounts/schemas";
import { fromError } from "@/lib/form-error";
import { type FormState, formValues, fromZodError } from "@/lib/form-state";
import { canDeliverMail } from "@/lib/notifications/mailer";
import { deliverSoon } from "./deliver-soon";
import { requestAddress } from "./request-address";

const LINK_GONE =
  "This link no longer works: links work once, for a limited time, and only the latest one sent. Nothing was changed.";

/**
 * Public (no session): "Forgot your password?". The answer is the same whether or not the address has an account, so
 * it reveals nothing; only too many requests from one client address are refused.
 */
export async function forgotPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const parsed = forgotPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error, values);
  if (!canDeliverMail())
    return {
      ok: false,
      message:
        "This Patchbay cannot send e-mail yet (SMTP_URL is not set), so it cannot send a reset link. Ask an administrator to set a new password for you.",
      values,
    };
  try {
    const db = await getDb();
    await requestPasswordReset(db, { ...parsed.data, address: await requestAddress() });
    deliverSoon(db);
  } catch (error) {
    return fromError(error, values, "password.forgot");
  }
  return { ok: true, message: FORGOT_PASSWORD_ANSWER };
}

/** Public: the form behind a reset link. Sets the password, ends every session, and sends the user to sign in. */
export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = setPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  let done: { email: string } | undefined;
  try {
    done = await resetPassword(await getDb(), parsed.data);
  } catch (error) {
    return fromError(error, undefined, "password.reset");
  }
  if (!done) return { ok: false, message: LINK_GONE };
  redirect("/login?reset=1");
}

/** Public: the form behind an invitation link. Sets the password and activates the account; the user then signs in. */
export async function acceptInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = setPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error);
  let done: { email: string } | undefined;
  try {
    done = await acceptInvitation(await getDb(), parsed.data);
  } catch (error) {
    return fromError(error, undefined, "invitation.accept");
  }
  if (!done) return { ok: false, message: LINK_GONE };
  redirect("/login?joined=1");
}
