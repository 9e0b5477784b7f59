import { Link } from "@/components/ui/link";
import { redirect } from "next/navigation";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/auth/safe-redirect";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata = { title: "Forgot your password?" };

export default async function ForgotPasswordPage() {
  if (await getCurrentUser()) redirect(DEFAULT_AFTER_SIGN_IN);
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Forgot your password?</h1>
      <p className="mb-4 text-sm text-slate-600">
        Enter the e-mail address you sign in with. We e-mail a link to choose a new password.
      </p>
      <ForgotPasswordForm />
      <p className="mt-6 text-center text-sm text-slate-600">
        <Link href="/login" className="font-medium text-brand-700 underline">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
