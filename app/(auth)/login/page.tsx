import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm, safeCallback } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await getCurrentUser()) redirect(safeCallback(callbackUrl ?? "/connectors"));
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      <LoginForm callbackUrl={callbackUrl} />
      <p className="mt-6 text-center text-sm text-slate-600">
        New to Patchbay?{" "}
        <Link href="/signup" className="font-medium text-brand-700 hover:underline">
          Create an organisation
        </Link>
      </p>
    </>
  );
}
