"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from "@/lib/auth/safe-redirect";

export function LoginForm({ callbackUrl = DEFAULT_AFTER_SIGN_IN }: { callbackUrl?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      router.replace(safeCallbackPath(callbackUrl, window.location.origin));
      router.refresh();
      return;
    }
    setPending(false);
    setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "E-mail or password is incorrect.");
  }

  return (
    // method="post": should the page be used before its script loads, the password never lands in a URL or a log.
    <form onSubmit={(event) => void onSubmit(event)} method="post" className="space-y-4" noValidate>
      <Field name="email" label="E-mail" type="email" autoComplete="email" required />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required />
      <div aria-live="assertive" role="alert" className="min-h-5 text-sm text-red-700">
        {error}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-900 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
