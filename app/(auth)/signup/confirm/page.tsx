import { Link } from "@/components/ui/link";
import { getDb } from "@/db";
import { findSignUpByToken } from "@/lib/accounts/sign-up";
import { confirmSignUpAction } from "@/lib/actions/sign-up";
import { SubmitButton } from "@/components/ui/submit-button";

export const metadata = { title: "Finish creating your organisation" };

type Params = { token?: string | string[]; failed?: string };

/**
 * Where a sign-up e-mail's link leads. Opening it changes nothing (mail scanners open links): the button does. An
 * unknown, used or expired link gets one message, whichever it is.
 */
export default async function ConfirmSignUpPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const token = (Array.isArray(params.token) ? params.token[0] : params.token) ?? "";
  const pending = token ? await findSignUpByToken(await getDb(), token) : undefined;
  if (!pending) {
    return (
      <>
        <h1 className="mb-2 text-lg font-semibold">This link no longer works</h1>
        <p className="text-sm text-slate-600">
          Sign-up links work once, for 24 hours, and only the latest one sent to an address. Nothing was created.
        </p>
        <p className="mt-6 text-center text-sm">
          <Link href="/signup" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
            Sign up again
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold">Finish creating {pending.organisationName}</h1>
      <p className="mb-4 text-sm text-slate-600">
        You become its administrator and can then sign in with the e-mail address and password you chose.
      </p>
      {params.failed ? (
        <p role="status" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          Something went wrong on our side. Please try again.
        </p>
      ) : null}
      <form action={confirmSignUpAction}>
        <input type="hidden" name="token" value={token} />
        <SubmitButton pendingText="Creating…">Finish creating {pending.organisationName}</SubmitButton>
      </form>
    </>
  );
}
