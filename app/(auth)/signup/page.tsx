import Link from "next/link";
import { redirect } from "next/navigation";
import { SignupForm } from "@/components/auth/signup-form";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/auth/safe-redirect";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata = { title: "Create an organisation" };

export default async function SignupPage() {
  if (await getCurrentUser()) redirect(DEFAULT_AFTER_SIGN_IN);
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Create an organisation</h1>
      <p className="mb-4 text-sm text-slate-500">You become its administrator and can invite your team.</p>
      <SignupForm />
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-brand-700 hover:underline">
          Sign in
        </Link>
      </p>
    </>
  );
}
