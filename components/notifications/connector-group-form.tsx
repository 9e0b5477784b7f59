"use client";

import { useActionState } from "react";
import { useFreshMessage } from "@/components/ui/use-fresh-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { setConnectorNotificationGroupAction } from "@/lib/actions/notifications";
import { initialFormState } from "@/lib/form-state";

export function ConnectorGroupForm({
  connectorId,
  groupId,
  options,
}: {
  connectorId: string;
  groupId: string;
  options: { value: string; label: string }[];
}) {
  const [state, action] = useActionState(setConnectorNotificationGroupAction, initialFormState);
  const { message, onChange } = useFreshMessage(state);
  // Keyed on the saved group: after React resets the form, the select shows what was saved, not its first default.
  const shown = (!state.ok && state.values?.groupId) || groupId;
  return (
    <form
      action={action}
      onChange={onChange}
      className="flex flex-wrap items-end gap-2"
      aria-label="Notification group"
    >
      <input type="hidden" name="connectorId" value={connectorId} />
      <div className="min-w-64">
        <SelectField
          name="groupId"
          id={`notify-${connectorId}`}
          label="Who is notified"
          options={options}
          defaultValue={shown}
          key={`${groupId}|${shown}`}
          errors={state.fieldErrors?.groupId}
        />
      </div>
      <div className="pb-6">
        <SubmitButton variant="secondary">Save</SubmitButton>
      </div>
      <p aria-live="polite" className={`basis-full text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
        {message}
      </p>
    </form>
  );
}
