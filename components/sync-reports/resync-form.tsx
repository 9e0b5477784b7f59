"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { requestResyncAction } from "@/lib/actions/resync";
import { initialFormState } from "@/lib/form-state";
import { MAX_RESYNC_BATCH } from "@/lib/resync/limits";

/**
 * The one form behind a list's resync controls. Row checkboxes and row "Resync" buttons sit in the table and join it
 * with the `form` attribute: a row button sends only its run (`only`), "Resync selected" every ticked box. The runs
 * travel as one `runIds` field.
 */
export function ResyncForm({
  formId,
  label = "Resync selected",
  single = false,
}: {
  formId: string;
  label?: string;
  /** The form sends one run (a sync's own page): no batch limit to mention. */
  single?: boolean;
}) {
  const [state, action] = useActionState(requestResyncAction, initialFormState);
  const submit = (formData: FormData) => {
    const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");
    const only = text(formData.get("only"));
    const ids = only ? [only] : formData.getAll("runId").map(text);
    formData.set("runIds", ids.join(","));
    formData.delete("runId");
    formData.delete("only");
    action(formData);
  };
  const problem = state.fieldErrors && "runIds" in state.fieldErrors ? state.fieldErrors.runIds.join(" ") : undefined;
  return (
    <form id={formId} action={submit} className="mb-3 flex flex-wrap items-center gap-3">
      <SelectedButton label={label} />
      {single ? null : <span className="text-xs text-slate-600">Up to {MAX_RESYNC_BATCH} at once.</span>}
      <p aria-live="polite" role="status" className="w-full text-sm empty:hidden">
        {problem ? (
          <span className="block rounded-md bg-red-50 px-3 py-2 text-red-700">{problem}</span>
        ) : state.message ? (
          <span
            className={`block rounded-md px-3 py-2 ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}
          >
            {state.message}
          </span>
        ) : null}
      </p>
    </form>
  );
}

function SelectedButton({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60"
    >
      {pending ? "Requesting…" : label}
    </button>
  );
}

/** Ticks or clears every row checkbox of the form (those a row offers: failed runs without an open request). */
export function ResyncSelectAll({ formId }: { formId: string }) {
  return (
    <input
      type="checkbox"
      aria-label="Select every failed sync on this page"
      className="h-4 w-4"
      onChange={(e) => {
        for (const box of document.querySelectorAll<HTMLInputElement>(`input[name="runId"][form="${formId}"]`))
          box.checked = e.currentTarget.checked;
      }}
    />
  );
}
