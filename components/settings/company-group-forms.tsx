"use client";

import { ConfirmInline } from "@/components/ui/confirm-inline";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  addCompanyGroupAction,
  deleteCompanyGroupAction,
  renameCompanyGroupAction,
} from "@/lib/actions/company-groups";
import { initialFormState } from "@/lib/form-state";

export function AddCompanyGroupForm() {
  const [state, action] = useActionState(addCompanyGroupAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form action={action} className="flex flex-wrap items-start gap-3" noValidate aria-label="Add a company group">
      <Field
        name="name"
        label="New group name"
        defaultValue={v.name}
        errors={state.fieldErrors?.name}
        key={`g${v.name}`}
        className="min-w-64"
      />
      <div className="pt-6">
        <SubmitButton pendingText="Adding…">Add group</SubmitButton>
      </div>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function RenameCompanyGroupForm({ groupId, name }: { groupId: string; name: string }) {
  const [state, action] = useActionState(renameCompanyGroupAction, initialFormState);
  return (
    <form action={action} className="flex flex-wrap items-start gap-3" noValidate aria-label={`Rename ${name}`}>
      <input type="hidden" name="groupId" value={groupId} />
      <Field
        name="name"
        id={`group-${groupId}`}
        label={`Name of group ${name}`}
        defaultValue={state.values?.name ?? name}
        errors={state.fieldErrors?.name}
        className="min-w-64"
      />
      <div className="pt-6">
        <SubmitButton variant="secondary">Rename</SubmitButton>
      </div>
      {state.message && !state.fieldErrors ? (
        <p className={`basis-full text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>{state.message}</p>
      ) : null}
    </form>
  );
}

/**
 * Deletes a group no connector uses, after an inline confirmation. The server checks again (a connector may have been
 * added meanwhile) and answers why not, naming the connectors.
 */
export function DeleteCompanyGroupForm({ groupId, name }: { groupId: string; name: string }) {
  const [state, action] = useActionState(deleteCompanyGroupAction, initialFormState);
  return (
    <ConfirmInline
      trigger="Delete group…"
      label={`Delete ${name}`}
      title={`Delete the group ${name}?`}
      confirm={`Delete ${name}`}
      pendingText="Deleting…"
      action={action}
      state={state}
    >
      <input type="hidden" name="groupId" value={groupId} />
      <p>This cannot be undone.</p>
    </ConfirmInline>
  );
}
