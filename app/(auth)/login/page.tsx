import { Link } from "@/components/ui/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; ready?: string; reset?: string; joined?: string }>;
}) {
  const params = await searchParams;
  const raw = params.callbackUrl;
  // Checked here against APP_URL and again in the form against the page's origin: only paths of this app.
  const callbackUrl = safeCallbackPath(Array.isArray(raw) ? raw[0] : raw, env.APP_URL);
  // Already signed in (and the session still current): straight on. A removed user or ended session sees the form.
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      {params.ready ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Your organisation is ready: sign in.
        </p>
      ) : null}
      {params.reset || params.joined ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {params.reset ? "Your password was changed: sign in with the new one." : "Your password is set: sign in."}
        </p>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} />
      <p className="mt-3 text-right text-sm">
        <Link href="/forgot-password" className="text-brand-700 underline">
          Forgot your password?
        </Link>
      </p>
      <p className="mt-6 text-center text-sm text-slate-600">
        New to Patchbay?{" "}
        <Link href="/signup" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
          Create an organisation
        </Link>
      </p>
    </>
  );
}
