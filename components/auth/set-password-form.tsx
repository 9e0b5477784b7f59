"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { type FormState, initialFormState } from "@/lib/form-state";

/** The form behind a password reset or invitation link: the new password, with the link's token in a hidden field. */
export function SetPasswordForm({
  action,
  token,
  email,
  submitLabel,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  token: string;
  email: string;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-4" noValidate aria-label="Choose a password">
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account the new password belongs to. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <Field
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        errors={state.fieldErrors?.password}
        help="At least 10 characters."
      />
      <FormMessage state={state} />
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
