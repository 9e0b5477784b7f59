"use client";

import { useActionState } from "react";
import { useFreshMessage } from "@/components/ui/use-fresh-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { SandboxMode } from "@/lib/sandbox/types";
import { setSandboxModeAction } from "@/lib/actions/sandbox";
import { initialFormState } from "@/lib/form-state";

/** Administrators switch how a sandbox connector's pretend vendor behaves. */
export function SandboxModeForm({
  connectorId,
  name,
  mode,
  options,
}: {
  connectorId: string;
  name: string;
  mode: SandboxMode;
  options: { value: string; label: string }[];
}) {
  const [state, action] = useActionState(setSandboxModeAction, initialFormState);
  const { message, onChange } = useFreshMessage(state);
  // React resets a form after its action; keyed on the saved mode, the select is drawn again with it as its default
  // (an unkeyed select would fall back to the mode it was first drawn with). A refused change shows what was chosen.
  const shown = (!state.ok && state.values?.mode) || mode;
  return (
    <form
      action={action}
      onChange={onChange}
      className="flex items-end gap-2"
      aria-label={`Sandbox behaviour of ${name}`}
    >
      <input type="hidden" name="connectorId" value={connectorId} />
      <SelectField
        name="mode"
        id={`sandbox-${connectorId}`}
        label={`Sandbox behaviour of ${name}`}
        hideLabel
        options={options}
        defaultValue={shown}
        key={`${mode}|${shown}`}
      />
      <SubmitButton variant="secondary" pendingText="…">
        Apply
      </SubmitButton>
      <span aria-live="polite" className={`text-xs ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
        {message}
      </span>
    </form>
  );
}
