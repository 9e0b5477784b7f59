"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateGeneralAction } from "@/lib/actions/connectors";
import { DATE_FORMATS, formatDateTime } from "@/lib/format/date";
import { initialFormState } from "@/lib/form-state";

export function GeneralForm({
  connectorId,
  name,
  timeZone,
  dateFormat,
  zones,
  now,
}: {
  connectorId: string;
  name: string;
  timeZone: string;
  dateFormat: string;
  zones: string[];
  /** The server's clock for the formats' examples: the browser's own could be a minute on and not match (hydration). */
  now: Date;
}) {
  const [state, action] = useActionState(updateGeneralAction, initialFormState);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-3" aria-label="General settings" noValidate>
      <input type="hidden" name="connectorId" value={connectorId} />
      <Field name="name" label="Name" defaultValue={v.name ?? name} errors={e.name} key={`n${v.name ?? name}`} />
      <div>
        <Field
          name="timeZone"
          label="Time zone"
          list="time-zones"
          defaultValue={v.timeZone ?? timeZone}
          errors={e.timeZone}
          key={`z${v.timeZone ?? timeZone}`}
          help="Type to search, e.g. Europe/London."
        />
        <datalist id="time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <SelectField
        name="dateFormat"
        label="Date format"
        defaultValue={v.dateFormat ?? dateFormat}
        key={`f${v.dateFormat ?? dateFormat}`}
        errors={e.dateFormat}
        options={DATE_FORMATS.map((f) => ({
          value: f.id,
          label: `${formatDateTime(now, timeZone, f.id, false)} (${f.id})`,
        }))}
      />
      <div className="space-y-3 sm:col-span-3">
        <FormMessage state={state} />
        <SubmitButton>Save general settings</SubmitButton>
      </div>
    </form>
  );
}
