import { Field, FieldErrors } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { RadioCard } from "./radio-card";
import { StepHeading } from "./step-indicator";
import type { StepProps, WizardProps } from "./types";

const ENVIRONMENTS = [
  { value: "live", label: "Live", description: "Your real system: services using it move real orders and stock." },
  { value: "test", label: "Test", description: "A sandbox or staging account, for trying services out safely." },
] as const;

/** Step 2: name, company group (only when the organisation has several) and environment. */
export function GeneralStep({ values, errors, set, groups }: StepProps & { groups: WizardProps["groups"] }) {
  const envErrors = errors("environment");
  return (
    <>
      <StepHeading step="general" title="General">
        One live and one test connector per system in each company group.
      </StepHeading>
      <div className="max-w-md space-y-4">
        <Field
          name="name"
          label="Name"
          value={values.name}
          onChange={(e) => set("name", e.target.value)}
          errors={errors("name")}
          help="How this connector is identified everywhere in Patchbay."
          autoComplete="off"
        />
        {groups.length > 1 ? (
          <SelectField
            name="companyGroupId"
            label="Company group"
            value={values.companyGroupId}
            onChange={(e) => set("companyGroupId", e.target.value)}
            errors={errors("companyGroupId")}
            options={groups.map((g) => ({ value: g.id, label: g.isDefault ? `${g.name} (default)` : g.name }))}
          />
        ) : null}
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Environment</legend>
          <div className="mt-1 grid gap-2 sm:grid-cols-2">
            {ENVIRONMENTS.map((env) => (
              <RadioCard
                key={env.value}
                name="environment"
                value={env.value}
                checked={values.environment === env.value}
                onChange={() => set("environment", env.value)}
                label={env.label}
                description={env.description}
                describedBy={envErrors?.length ? "field-environment-error" : undefined}
              />
            ))}
          </div>
          <FieldErrors id="field-environment-error" errors={envErrors} />
        </fieldset>
      </div>
    </>
  );
}
