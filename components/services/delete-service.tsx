"use client";

import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { deleteServiceAction } from "@/lib/actions/services";
import { initialFormState } from "@/lib/form-state";

/** Deleting also deletes the service's sync history (it cascades), so it takes a second, explicit click. */
export function DeleteService({ serviceId, name }: { serviceId: string; name: string }) {
  const [state, action] = useActionState(deleteServiceAction, initialFormState);
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="text-sm font-medium text-red-700 hover:underline">
        Delete…
      </button>
    );
  }
  return (
    <form
      action={action}
      role="alertdialog"
      aria-label={`Delete ${name}`}
      className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm"
    >
      <input type="hidden" name="serviceId" value={serviceId} />
      <p className="text-red-900">
        Delete &ldquo;{name}&rdquo;? Its sync history is deleted with it and cannot be recovered. The connectors stay as
        they are.
      </p>
      <FormMessage state={state} />
      <div className="flex gap-2">
        <SubmitButton variant="danger" pendingText="Deleting…">
          Delete service
        </SubmitButton>
        <button
          type="button"
          onClick={() => setOpen(false)}
          className="rounded-md border border-slate-300 bg-white px-3 py-2"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
