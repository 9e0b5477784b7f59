"use client";

import { useActionState, useState } from "react";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/actions/api-tokens";
import { initialFormState } from "@/lib/form-state";

export function CreateApiTokenForm() {
  const [state, action] = useActionState(createApiTokenAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <div className="space-y-4">
      <form action={action} className="flex flex-wrap items-start gap-3" noValidate aria-label="Create an API token">
        <Field
          name="name"
          label="Token name"
          defaultValue={v.name}
          errors={state.fieldErrors?.name}
          key={`t${v.name}`}
          className="min-w-72"
          help="Say where it is used, e.g. “Sync engine (production)”."
        />
        <div className="pt-6">
          <SubmitButton pendingText="Creating…">Create token</SubmitButton>
        </div>
      </form>
      <FormMessage state={state} />
      {state.reveal?.token ? <NewToken token={state.reveal.token} /> : null}
    </div>
  );
}

/** The plaintext exists only in this one action response: once the page is left or reloaded it is gone for good. */
function NewToken({ token }: { token: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-4" data-testid="new-token">
      <p className="text-sm font-medium text-amber-900">
        Copy this token now. It is stored hashed and cannot be shown again.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="select-all break-all rounded bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-amber-200">
          {token}
        </code>
        <button
          type="button"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50"
          onClick={() => {
            void navigator.clipboard.writeText(token).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <span aria-live="polite" className="sr-only">
          {copied ? "Token copied to the clipboard." : ""}
        </span>
      </div>
      <p className="mt-2 text-xs text-amber-800">
        Send it as <code>Authorization: Bearer &lt;token&gt;</code>. Anyone holding it can report sync runs and read
        connector health for your organisation.
      </p>
    </div>
  );
}

export function RevokeApiTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, action] = useActionState(revokeApiTokenAction, initialFormState);
  return (
    <ConfirmInline
      trigger="Revoke…"
      label={`Revoke ${name}`}
      title={`Revoke the token “${name}”?`}
      confirm="Revoke token"
      pendingText="Revoking…"
      action={action}
      state={state}
    >
      <input type="hidden" name="tokenId" value={tokenId} />
      <p>Anything using it stops working at once. This cannot be undone.</p>
    </ConfirmInline>
  );
}
