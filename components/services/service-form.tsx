"use client";

import { useActionState, useState } from "react";
import { Field, FieldErrors } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { createServiceAction, updateServiceAction } from "@/lib/actions/services";
import { initialFormState, type FormState } from "@/lib/form-state";

export type ConnectorChoice = { id: string; name: string; systemName: string; environment: "live" | "test" };
type Initial = { serviceId: string; name: string; sourceConnectorId: string; destinationConnectorId: string };
/** A numbered state: each answer remounts the fields, so they show what the server kept (`values`) and nothing stale. */
type Counted = FormState & { n: number };

/** Create (no `initial`) or edit a service. The server enforces every rule; the menus only steer away from mistakes. */
export function ServiceForm({
  connectors,
  initial,
  onDone,
}: {
  connectors: ConnectorChoice[];
  initial?: Initial;
  onDone?: () => void;
}) {
  const action = initial ? updateServiceAction : createServiceAction;
  const [state, submit] = useActionState<Counted, FormData>(
    async (prev, data) => ({ ...(await action(initialFormState, data)), n: prev.n + 1 }),
    { ...initialFormState, n: 0 },
  );
  const id = initial?.serviceId ?? "new";
  return (
    <form
      action={submit}
      noValidate
      aria-label={initial ? `Edit ${initial.name}` : "Add a service"}
      className="space-y-4"
    >
      {initial ? <input type="hidden" name="serviceId" value={initial.serviceId} /> : null}
      <Fields key={state.n} id={id} state={state} connectors={connectors} initial={initial} />
      <FormMessage state={state} />
      <div className="flex gap-2">
        <SubmitButton>{initial ? "Save service" : "Add service"}</SubmitButton>
        {onDone ? (
          <button
            type="button"
            onClick={onDone}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm"
          >
            {state.ok ? "Close" : "Cancel"}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function Fields({
  id,
  state,
  connectors,
  initial,
}: {
  id: string;
  state: FormState;
  connectors: ConnectorChoice[];
  initial?: Initial;
}) {
  const v = state.ok ? {} : (state.values ?? {});
  const e = state.fieldErrors ?? {};
  const keep = (key: keyof Initial) => v[key] ?? initial?.[key] ?? "";
  const [source, setSource] = useState(keep("sourceConnectorId"));
  const sourceEnv = connectors.find((c) => c.id === source)?.environment;
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Field
        id={`${id}-name`}
        name="name"
        label="Name"
        defaultValue={keep("name")}
        errors={e.name}
        maxLength={120}
        autoComplete="off"
        help="How the service is listed in reports, e.g. “Shopify orders to NetSuite”."
      />
      {/* Uncontrolled (React resets forms after an action, and would blank a controlled select); the state only steers the destination menu. */}
      <ConnectorSelect
        id={`${id}-source`}
        name="sourceConnectorId"
        label="Source (pull from)"
        connectors={connectors}
        defaultValue={source}
        onChange={setSource}
        errors={e.sourceConnectorId}
      />
      <ConnectorSelect
        id={`${id}-destination`}
        name="destinationConnectorId"
        label="Destination (push to)"
        connectors={connectors}
        defaultValue={keep("destinationConnectorId")}
        errors={e.destinationConnectorId}
        disable={(c) => c.id === source || (!!sourceEnv && c.environment !== sourceEnv)}
        help={
          sourceEnv
            ? `Same environment as the source: ${sourceEnv}.`
            : "Both connectors must be in the same environment."
        }
      />
    </div>
  );
}

type SelectProps = {
  id: string;
  name: string;
  label: string;
  connectors: ConnectorChoice[];
  errors?: string[];
  help?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  disable?: (c: ConnectorChoice) => boolean;
};

/** Live and test connectors apart, because a service never mixes the two. */
function ConnectorSelect({ id, name, label, connectors, errors, help, defaultValue, onChange, disable }: SelectProps) {
  const describedBy =
    [help ? `${id}-help` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        onChange={onChange ? (ev) => onChange(ev.target.value) : undefined}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-500"
      >
        <option value="">Choose a connector…</option>
        {(["live", "test"] as const).map((env) => (
          <optgroup key={env} label={env === "live" ? "Live" : "Test"}>
            {connectors
              .filter((c) => c.environment === env)
              .map((c) => (
                <option key={c.id} value={c.id} disabled={disable?.(c)}>
                  {c.name} ({c.systemName})
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      {help ? (
        <p id={`${id}-help`} className="mt-1 text-xs text-slate-600">
          {help}
        </p>
      ) : null}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}
