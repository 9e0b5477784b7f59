import { Link } from "@/components/ui/link";
import { redirect } from "next/navigation";
import { SignupForm } from "@/components/auth/signup-form";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/auth/safe-redirect";
import { getCurrentUser } from "@/lib/auth/session";
import { canDeliverMail, SIGN_UP_NEEDS_MAIL } from "@/lib/notifications/mailer";

export const metadata = { title: "Create an organisation" };

export default async function SignupPage() {
  if (await getCurrentUser()) redirect(DEFAULT_AFTER_SIGN_IN);
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Create an organisation</h1>
      <p className="mb-4 text-sm text-slate-600">You become its administrator and can invite your team.</p>
      {canDeliverMail() ? (
        <SignupForm />
      ) : (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {SIGN_UP_NEEDS_MAIL}
        </p>
      )}
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
          Sign in
        </Link>
      </p>
    </>
  );
}
