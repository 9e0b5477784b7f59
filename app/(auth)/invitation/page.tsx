import { LinkGone } from "@/components/auth/link-gone";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { getDb } from "@/db";
import { findInvitationByToken, INVITATION_DAYS } from "@/lib/accounts/invitations";
import { acceptInvitationAction } from "@/lib/actions/account-links";

export const metadata = { title: "Join your team" };

type Params = { token?: string | string[] };

/** Where an invitation e-mail's link leads. Opening it changes nothing (mail scanners open links): the form does. */
export default async function InvitationPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const token = (Array.isArray(params.token) ? params.token[0] : params.token) ?? "";
  const invitation = token ? await findInvitationByToken(await getDb(), token) : undefined;
  if (!invitation) {
    return (
      <LinkGone
        what={`Invitation links work once, for ${INVITATION_DAYS} days, and only the latest one sent. Ask your administrator to send the invitation again.`}
        again={{ href: "/login", label: "Go to sign in" }}
      />
    );
  }
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Join {invitation.orgName}</h1>
      <p className="mb-4 text-sm text-slate-600">
        Welcome, {invitation.name}. Choose the password you will sign in with as {invitation.email}.
      </p>
      <SetPasswordForm
        action={acceptInvitationAction}
        token={token}
        email={invitation.email}
        submitLabel="Choose password and join"
      />
    </>
  );
}
