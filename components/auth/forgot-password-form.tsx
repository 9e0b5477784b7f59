"use client";

import { useActionState, useEffect, useRef } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { forgotPasswordAction } from "@/lib/actions/account-links";
import { initialFormState } from "@/lib/form-state";

/** Asks for the address; once accepted, the form gives way to the one answer every address gets. */
export function ForgotPasswordForm() {
  const [state, action] = useActionState(forgotPasswordAction, initialFormState);
  if (state.ok) return <SentNotice message={state.message} />;
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Reset your password">
      <Field
        name="email"
        label="E-mail"
        type="email"
        autoComplete="email"
        defaultValue={state.values?.email}
        errors={state.fieldErrors?.email}
      />
      <FormMessage state={state} />
      <SubmitButton pendingText="Sending…">Send me a link</SubmitButton>
    </form>
  );
}

/** The answer replaces the form (and its focused button): it takes focus, so it is read out and focus is not lost. */
function SentNotice({ message }: { message?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div
      ref={box}
      tabIndex={-1}
      aria-live="polite"
      role="status"
      className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 outline-none focus-visible:ring-2 focus-visible:ring-emerald-700"
    >
      {message}
    </div>
  );
}
