import { LinkGone } from "@/components/auth/link-gone";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { getDb } from "@/db";
import { findPasswordResetByToken, RESET_LINK_MINUTES } from "@/lib/accounts/password-reset";
import { resetPasswordAction } from "@/lib/actions/account-links";

export const metadata = { title: "Choose a new password" };

type Params = { token?: string | string[] };

/** Where a reset e-mail's link leads. Opening it changes nothing (mail scanners open links): the form does. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const token = (Array.isArray(params.token) ? params.token[0] : params.token) ?? "";
  const reset = token ? await findPasswordResetByToken(await getDb(), token) : undefined;
  if (!reset) {
    return (
      <LinkGone
        what={`Password reset links work once, for ${RESET_LINK_MINUTES} minutes, and only the latest one sent.`}
        again={{ href: "/forgot-password", label: "Ask for a new link" }}
      />
    );
  }
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Choose a new password</h1>
      <p className="mb-4 text-sm text-slate-600">
        For {reset.email}. Every device signed in to this account is signed out.
      </p>
      <SetPasswordForm action={resetPasswordAction} token={token} email={reset.email} submitLabel="Set new password" />
    </>
  );
}
