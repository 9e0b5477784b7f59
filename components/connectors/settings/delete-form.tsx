"use client";

import { useActionState } from "react";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import { Field } from "@/components/ui/field";
import { deleteConnectorAction } from "@/lib/actions/connectors";
import { initialFormState } from "@/lib/form-state";

/** Deleting asks for the connector's name; the server refuses while any service (active or not) uses it. */
export function DeleteForm({ connectorId, name, usedBy }: { connectorId: string; name: string; usedBy: string[] }) {
  const [state, action] = useActionState(deleteConnectorAction, initialFormState);
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
      <ConfirmInline
        trigger="Delete connector…"
        label="Confirm deletion"
        title={`Delete the connector “${name}”?`}
        confirm="Delete connector"
        pendingText="Deleting…"
        action={action}
        state={state}
      >
        <input type="hidden" name="connectorId" value={connectorId} />
        <Field
          name="confirmName"
          label={`Type "${name}" to confirm`}
          autoComplete="off"
          errors={state.fieldErrors?.confirmName}
        />
      </ConfirmInline>
    </div>
  );
}
