"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { addUserAction } from "@/lib/actions/users";
import { initialFormState } from "@/lib/form-state";
import { ROLE_OPTIONS } from "./role-options";

/** Invites a person: they get an e-mail with a link to choose their own password (nobody types one for them). */
export function AddUserForm() {
  const [state, action] = useActionState(addUserAction, initialFormState);
  // After a success the form resets to empty; after a failure it keeps what was typed.
  const v = state.ok ? {} : (state.values ?? {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Invite a user">
      <Field name="name" label="Name" defaultValue={v.name} errors={e.name} key={`n${v.name}`} />
      <Field name="email" label="E-mail" type="email" defaultValue={v.email} errors={e.email} key={`e${v.email}`} />
      <SelectField
        name="role"
        label="Role"
        options={ROLE_OPTIONS}
        defaultValue={v.role ?? "user"}
        errors={e.role}
        key={`r${v.role}`}
      />
      <p className="self-end text-sm text-slate-600">
        They get an e-mail with a link to choose their password (it works once, for 7 days). Until then they show as
        Invited and cannot sign in.
      </p>
      <div className="sm:col-span-2 space-y-3">
        <FormMessage state={state} />
        <SubmitButton pendingText="Sending…">Send invitation</SubmitButton>
      </div>
    </form>
  );
}
