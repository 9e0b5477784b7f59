"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { signUpAction } from "@/lib/actions/sign-up";
import { initialFormState } from "@/lib/form-state";

export function SignupForm() {
  const router = useRouter();
  const [state, action] = useActionState(signUpAction, initialFormState);
  const password = useRef<string>("");
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};

  useEffect(() => {
    if (!state.ok) return;
    // The organisation exists: sign in with what was just typed (the password never went back through the server's answer).
    void signIn("credentials", { email: v.email, password: password.current, redirect: false }).then((r) => {
      router.replace(r?.ok && !r.error ? "/connectors" : "/login");
      router.refresh();
    });
  }, [state, v.email, router]);

  return (
    <form
      action={action}
      // React resets the form after the action; keep the typed password in memory only, for the sign-in that follows.
      onSubmit={(event) => (password.current = String(new FormData(event.currentTarget).get("password") ?? ""))}
      className="space-y-4"
      noValidate
    >
      <Field name="organisationName" label="Organisation name" defaultValue={v.organisationName} errors={e.organisationName} autoComplete="organization" />
      <Field name="name" label="Your name" defaultValue={v.name} errors={e.name} autoComplete="name" />
      <Field name="email" label="Work e-mail" type="email" defaultValue={v.email} errors={e.email} autoComplete="email" />
      <Field name="password" label="Password" type="password" errors={e.password} autoComplete="new-password" help="At least 10 characters." />
      <FormMessage state={state} />
      <SubmitButton pendingText="Creating…">Create organisation</SubmitButton>
    </form>
  );
}
