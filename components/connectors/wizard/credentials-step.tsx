import { FieldErrors } from "@/components/ui/field";
import { CredentialInput } from "../credential-input";
import { StepHeading } from "./step-indicator";
import type { StepProps, WizardProps } from "./types";
import { authTypeOf } from "./validate";

/**
 * Step 5: the fields of the chosen system and auth type, and the "offline; save anyway" escape hatch; for a system
 * whose credentials Patchbay issues (Inbound API), only what happens after saving.
 */
export function CredentialsStep({
  values,
  system,
  errors,
  set,
  setCredential,
  groups,
}: StepProps & { setCredential: (key: string, value: string) => void; groups: WizardProps["groups"] }) {
  const authType = authTypeOf(system, values.authType);
  const group = groups.length > 1 ? groups.find((g) => g.id === values.companyGroupId)?.name : undefined;
  return (
    <>
      <StepHeading step="credentials" title={system ? `${system.name} credentials` : "Credentials"}>
        {[values.name, values.environment === "live" ? "Live" : "Test", group, authType?.label]
          .filter(Boolean)
          .join(" · ")}
      </StepHeading>
      {system?.platformManaged ? (
        <p className="max-w-xl text-sm text-slate-600" data-testid="platform-managed">
          Patchbay issues this connector&apos;s client ID and secret: after saving, open its settings and choose
          &ldquo;Issue client ID and secret&rdquo;, then give them to the system that calls the {system.name}. Nothing
          is checked before saving.
        </p>
      ) : (
        <>
          {system?.reachabilityOnly ? (
            <p className="mb-4 max-w-xl text-sm text-slate-600">
              {system.name} has no authentication to check: saving checks that it can be reached.
            </p>
          ) : null}
          <div className="max-w-xl space-y-4">
            {authType?.fields.map((field) => (
              <CredentialInput
                key={`${authType.id}.${field.key}`}
                field={field}
                value={values.credentials[field.key] ?? ""}
                onChange={(value) => setCredential(field.key, value)}
                errors={errors(`credentials.${field.key}`)}
              />
            ))}
            <OfflineChoice values={values} errors={errors} set={set} />
          </div>
        </>
      )}
    </>
  );
}

/** The "offline; save anyway" escape hatch, for systems whose credentials are checked before saving. */
function OfflineChoice({ values, errors, set }: Pick<StepProps, "values" | "errors" | "set">) {
  const offlineErrors = errors("saveOffline");
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
      <label className="flex items-start gap-2 text-sm font-medium text-slate-700">
        <input
          id="field-saveOffline"
          type="checkbox"
          name="saveOffline"
          checked={values.saveOffline}
          onChange={(e) => set("saveOffline", e.target.checked)}
          aria-invalid={offlineErrors?.length ? true : undefined}
          aria-describedby={`field-saveOffline-help${offlineErrors?.length ? " field-saveOffline-error" : ""}`}
          className="mt-0.5 accent-brand-700"
        />
        The system is offline; save anyway
      </label>
      <p id="field-saveOffline-help" className="mt-1 pl-6 text-xs text-slate-600">
        Saving checks the connection first. Tick this only when the system is down right now: the connector is saved as
        System Unreachable and checked again automatically. Wrong credentials are never saved.
      </p>
      <FieldErrors id="field-saveOffline-error" errors={offlineErrors} />
    </div>
  );
}
