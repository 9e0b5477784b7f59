"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { signUpAction } from "@/lib/actions/sign-up";
import { initialFormState } from "@/lib/form-state";

/** Starts a sign-up; once accepted, the form gives way to "check your inbox" (the same answer for any address). */
export function SignupForm() {
  const [state, action] = useActionState(signUpAction, initialFormState);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};

  if (state.ok) {
    return (
      <div aria-live="polite" role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {state.message}
      </div>
    );
  }

  return (
    <form action={action} className="space-y-4" noValidate>
      <Field
        name="organisationName"
        label="Organisation name"
        defaultValue={v.organisationName}
        errors={e.organisationName}
        autoComplete="organization"
      />
      <Field name="name" label="Your name" defaultValue={v.name} errors={e.name} autoComplete="name" />
      <Field
        name="email"
        label="Work e-mail"
        type="email"
        defaultValue={v.email}
        errors={e.email}
        autoComplete="email"
      />
      <Field
        name="password"
        label="Password"
        type="password"
        errors={e.password}
        autoComplete="new-password"
        help="At least 10 characters."
      />
      <FormMessage state={state} />
      <SubmitButton pendingText="Creating…">Create organisation</SubmitButton>
    </form>
  );
}
