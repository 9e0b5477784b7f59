"use client";

import { useActionState, useState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { deleteConnectorAction } from "@/lib/actions/connectors";
import { initialFormState } from "@/lib/form-state";

/** Deleting asks for the connector's name; the server refuses while any service (active or not) uses it. */
export function DeleteForm({ connectorId, name, usedBy }: { connectorId: string; name: string; usedBy: string[] }) {
  const [state, action] = useActionState(deleteConnectorAction, initialFormState);
  const [open, setOpen] = useState(false);
  return (
    <div className="space-y-3">
      {usedBy.length > 0 ? (
        <p className="text-sm text-slate-700">
          Used by {usedBy.length} service{usedBy.length === 1 ? "" : "s"}: {usedBy.join(", ")}. A connector can be
          deleted only when no service uses it, even inactive ones.
        </p>
      ) : (
        <p className="text-sm text-slate-700">
          No service uses this connector. Deleting it removes its credentials and status history for good.
        </p>
      )}
      {open ? (
        <form
          action={action}
          className="space-y-3 rounded-md border border-red-200 bg-red-50 p-4"
          aria-label="Confirm deletion"
        >
          <input type="hidden" name="connectorId" value={connectorId} />
          <Field
            name="confirmName"
            label={`Type "${name}" to confirm`}
            autoComplete="off"
            errors={state.fieldErrors?.confirmName}
          />
          <FormMessage state={state} />
          <div className="flex gap-2">
            <SubmitButton variant="danger" pendingText="Deleting…">
              Delete connector
            </SubmitButton>
            <button
              type="button"
              onClick={() => setOpen(false)}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm"
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          onClick={() => setOpen(true)}
          className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-700 hover:bg-red-50"
        >
          Delete connector…
        </button>
      )}
    </div>
  );
}
