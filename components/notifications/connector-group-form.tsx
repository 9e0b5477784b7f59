"use client";

import { useActionState } from "react";
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
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label="Notification group">
      <input type="hidden" name="connectorId" value={connectorId} />
      <div className="min-w-64">
        <SelectField
          name="groupId"
          id={`notify-${connectorId}`}
          label="Who is notified"
          options={options}
          defaultValue={groupId}
          errors={state.fieldErrors?.groupId}
        />
      </div>
      <div className="pb-6">
        <SubmitButton variant="secondary">Save</SubmitButton>
      </div>
      <p aria-live="polite" className={`basis-full text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
        {state.message}
      </p>
    </form>
  );
}
