"use client";

import { useActionState } from "react";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import { Field, FieldErrors } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  addGroupMemberAction,
  createNotificationGroupAction,
  deleteNotificationGroupAction,
  removeGroupMemberAction,
  renameNotificationGroupAction,
} from "@/lib/actions/notifications";
import { type FormState, initialFormState } from "@/lib/form-state";

const Outcome = ({ state }: { state: FormState }) =>
  state.message && !state.fieldErrors ? (
    <p className={`basis-full text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>{state.message}</p>
  ) : null;

export function CreateGroupForm() {
  const [state, action] = useActionState(createNotificationGroupAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form
      action={action}
      className="flex flex-wrap items-start gap-3"
      noValidate
      aria-label="Create a notification group"
    >
      <Field
        name="name"
        id="new-notification-group"
        label="Group name"
        defaultValue={v.name}
        errors={state.fieldErrors?.name}
        key={`n${state.ok}${v.name}`}
        className="min-w-64"
      />
      <div className="pt-6">
        <SubmitButton pendingText="Creating…">Create group</SubmitButton>
      </div>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function RenameGroupForm({ groupId, name }: { groupId: string; name: string }) {
  const [state, action] = useActionState(renameNotificationGroupAction, initialFormState);
  return (
    <form action={action} className="flex flex-wrap items-start gap-3" noValidate aria-label={`Rename ${name}`}>
      <input type="hidden" name="groupId" value={groupId} />
      <Field
        name="name"
        id={`ngroup-${groupId}`}
        label={`Name of ${name}`}
        defaultValue={state.values?.name ?? name}
        errors={state.fieldErrors?.name}
        className="min-w-64"
      />
      <div className="pt-6">
        <SubmitButton variant="secondary">Rename</SubmitButton>
      </div>
      <Outcome state={state} />
    </form>
  );
}

export function DeleteGroupForm({ groupId, name }: { groupId: string; name: string }) {
  const [state, action] = useActionState(deleteNotificationGroupAction, initialFormState);
  return (
    <ConfirmInline
      trigger="Delete group…"
      label={`Delete ${name}`}
      title={`Delete the group “${name}”?`}
      confirm="Delete group"
      pendingText="Deleting…"
      action={action}
      state={state}
    >
      <input type="hidden" name="groupId" value={groupId} />
      <p>Its connectors will notify the administrators instead.</p>
    </ConfirmInline>
  );
}

/** A user of the organisation or a plain address; the server insists on exactly one. */
export function AddMemberForm({
  groupId,
  name,
  users,
}: {
  groupId: string;
  name: string;
  users: { id: string; label: string }[];
}) {
  const [state, action] = useActionState(addGroupMemberAction, initialFormState);
  const errorId = `member-${groupId}-error`;
  return (
    <form
      action={action}
      className="flex flex-wrap items-start gap-3"
      noValidate
      aria-label={`Add a recipient to ${name}`}
    >
      <input type="hidden" name="groupId" value={groupId} />
      <div>
        <label htmlFor={`member-user-${groupId}`} className="block text-sm font-medium text-slate-700">
          A user
        </label>
        <select
          id={`member-user-${groupId}`}
          name="userId"
          defaultValue=""
          key={`u${state.ok}${state.message}`}
          className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          <option value="">—</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-64">
        <label htmlFor={`member-email-${groupId}`} className="block text-sm font-medium text-slate-700">
          or an e-mail address
        </label>
        <input
          id={`member-email-${groupId}`}
          name="email"
          type="email"
          key={`e${state.ok}${state.message}`}
          defaultValue={state.ok ? "" : state.values?.email}
          aria-invalid={state.fieldErrors?.email ? true : undefined}
          aria-describedby={errorId}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
        <FieldErrors id={errorId} errors={state.fieldErrors?.email ?? state.fieldErrors?.userId} />
      </div>
      <div className="pt-6">
        <SubmitButton variant="secondary" pendingText="Adding…">
          Add recipient
        </SubmitButton>
      </div>
      <Outcome state={state} />
    </form>
  );
}

export function RemoveMemberForm({ groupId, memberId, label }: { groupId: string; memberId: string; label: string }) {
  const [state, action] = useActionState(removeGroupMemberAction, initialFormState);
  return (
    <form action={action} className="inline" aria-label={`Remove ${label}`}>
      <input type="hidden" name="groupId" value={groupId} />
      <input type="hidden" name="memberId" value={memberId} />
      <button type="submit" className="text-sm text-red-700 hover:underline">
        Remove<span className="sr-only"> {label}</span>
      </button>
      {!state.ok && state.message ? <span className="ml-2 text-sm text-red-700">{state.message}</span> : null}
    </form>
  );
}
