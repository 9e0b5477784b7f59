"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { checkNowAction } from "@/lib/actions/connectors";
import { initialFormState } from "@/lib/form-state";

/** Runs a health check at once. The server throttles it (one per connector per 10 s) and says so in the message. */
export function CheckNowButton({ connectorId }: { connectorId: string }) {
  const [state, action] = useActionState(checkNowAction, initialFormState);
  const errors = Object.values(state.fieldErrors ?? {}).flat();
  return (
    <form action={action} className="flex flex-col items-end gap-2">
      <input type="hidden" name="connectorId" value={connectorId} />
      <SubmitButton variant="secondary" pendingText="Checking…">
        Check now
      </SubmitButton>
      <div aria-live="polite" role="status" className="max-w-xs text-right text-sm">
        {state.message ? <p className={state.ok ? "text-emerald-700" : "text-red-700"}>{state.message}</p> : null}
        {errors.length ? <p className="text-red-700">{errors.join(" ")}</p> : null}
      </div>
    </form>
  );
}
