"use client";

import { useActionState } from "react";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import { deleteServiceAction } from "@/lib/actions/services";
import { initialFormState } from "@/lib/form-state";

/** Deleting also deletes the service's sync history (it cascades), so it takes a second, explicit click. */
export function DeleteService({ serviceId, name }: { serviceId: string; name: string }) {
  const [state, action] = useActionState(deleteServiceAction, initialFormState);
  return (
    <ConfirmInline
      trigger="Delete…"
      triggerStyle="link"
      label={`Delete ${name}`}
      title={`Delete “${name}”?`}
      confirm="Delete service"
      pendingText="Deleting…"
      action={action}
      state={state}
    >
      <input type="hidden" name="serviceId" value={serviceId} />
      <p>Its sync history is deleted with it and cannot be recovered. The connectors stay as they are.</p>
    </ConfirmInline>
  );
}
