"use client";

import { useActionState, useState } from "react";
import { CheckOutcome } from "@/components/connectors/check-outcome";
import { CredentialInput } from "@/components/connectors/credential-input";
import { FieldErrors } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateCredentialsAction } from "@/lib/actions/connectors";
import type { CatalogueField, CatalogueSystem } from "@/lib/connectors/catalogue";
import { type FormState, initialFormState } from "@/lib/form-state";
import { destinationFields, listLabels, retypeSecretMessage, secretFields } from "@/lib/systems/destination";

type Props = {
  connectorId: string;
  system: CatalogueSystem;
  authType: string;
  values: Record<string, string>;
  masks: Record<string, string>;
};

/** What the server compares (it also applies each field's normaliser): trimmed, blank meaning the default. */
const comparable = (f: CatalogueField, v: string | undefined) => {
  const value = f.trim === false ? (v ?? "") : (v ?? "").trim();
  return value === "" ? (f.defaultValue ?? "") : value;
};

/**
 * Stored secrets never reach the browser: a secret field shows the mask of its last 4 characters as a placeholder
 * and stays untouched when left blank, unless a destination field (URL, host, store, account...) is changed: then
 * the stored secrets are not sent to the new address, and the form says beside each one that it must be typed again.
 * Switching the auth type asks for all of that type's fields.
 */
export function CredentialsPanel({ connectorId, system, authType: storedType, values, masks }: Props) {
  const [authType, setAuthType] = useState(storedType);
  const [typed, setTyped] = useState<Record<string, string>>({ ...values });
  const def = system.authTypes.find((a) => a.id === authType) ?? system.authTypes[0];
  // Once saved, typed secrets leave the page's memory; the masks (re-rendered by the server) stand for them.
  const [state, action] = useActionState(async (previous: FormState, formData: FormData) => {
    const next = await updateCredentialsAction(previous, formData);
    if (next.ok)
      setTyped((t) =>
        Object.fromEntries(Object.entries(t).filter(([k]) => !def.fields.find((f) => f.key === k)?.secret)),
      );
    return next;
  }, initialFormState);
  const sameType = authType === storedType;
  const e = state.fieldErrors ?? {};
  const destinations = sameType ? destinationFields(def) : [];
  const moved = destinations.filter((f) => comparable(f, typed[f.key]) !== comparable(f, values[f.key]));
  const retype = moved.length ? secretFields(def).filter((f) => masks[f.key]) : [];
  const notice = (f: CatalogueField) => {
    if (!sameType) return undefined;
    if (f.secret) return retype.includes(f) ? retypeSecretMessage(f, moved) : "";
    if (!destinations.includes(f)) return undefined;
    return retype.length && moved.includes(f) ? `Changed: type the ${listLabels(retype)} again before saving.` : "";
  };

  function switchType(next: string) {
    setAuthType(next);
    setTyped(next === storedType ? { ...values } : {});
  }

  return (
    <form action={action} className="space-y-4" aria-label="Credentials" noValidate>
      <input type="hidden" name="connectorId" value={connectorId} />
      <input type="hidden" name="systemId" value={system.id} />
      {system.authTypes.length > 1 ? (
        <div>
          <label htmlFor="authType" className="block text-sm font-medium text-slate-700">
            Authentication type
          </label>
          <select
            id="authType"
            name="authType"
            value={authType}
            onChange={(ev) => switchType(ev.target.value)}
            className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {system.authTypes.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
          {!sameType ? (
            <p className="mt-1 text-xs text-amber-800">
              Switching to {def.label}: enter every field of this type; the stored values of the other type are
              replaced.
            </p>
          ) : null}
        </div>
      ) : (
        <input type="hidden" name="authType" value={authType} />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {def.fields.map((f) => (
          <CredentialInput
            key={`${authType}-${f.key}`}
            field={f}
            value={typed[f.key] ?? (f.secret ? "" : (f.defaultValue ?? ""))}
            onChange={(v) => setTyped((t) => ({ ...t, [f.key]: v }))}
            placeholder={
              f.secret && sameType && masks[f.key] && !retype.includes(f)
                ? `${masks[f.key]} (leave blank to keep)`
                : undefined
            }
            errors={e[`credentials.${f.key}`]}
            notice={notice(f)}
            mustType={retype.includes(f)}
          />
        ))}
      </div>
      <div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="saveOffline" aria-describedby="saveOffline-error" />
          The system is offline; save anyway
        </label>
        <FieldErrors id="saveOffline-error" errors={e.saveOffline} />
      </div>
      <div aria-live="polite">
        <CheckOutcome check={state.check} />
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingText="Checking the connection…">Save and check credentials</SubmitButton>
    </form>
  );
}
