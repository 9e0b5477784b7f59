import { FieldErrors } from "@/components/ui/field";
import { RadioCard } from "./radio-card";
import { StepHeading } from "./step-indicator";
import type { StepProps } from "./types";

/** Step 4, only for systems with several ways to sign in (Shopify token or legacy, SFTP password or SSH key). */
export function AuthTypeStep({ values, system, errors, onChoose }: StepProps & { onChoose: (id: string) => void }) {
  const errorList = errors("authType");
  return (
    <>
      <StepHeading step="auth" title="Authentication type">
        {system?.name} can be connected in {system?.authTypes.length} ways. Choose the one your account uses.
      </StepHeading>
      <fieldset className="max-w-xl">
        <legend className="sr-only">Authentication type</legend>
        <div className="space-y-2">
          {system?.authTypes.map((a) => (
            <RadioCard
              key={a.id}
              name="authType"
              value={a.id}
              checked={values.authType === a.id}
              onChange={() => onChoose(a.id)}
              label={a.label}
              description={`Asks for: ${a.fields.map((f) => f.label).join(", ")}`}
              describedBy={errorList?.length ? "field-authType-error" : undefined}
            />
          ))}
        </div>
        <FieldErrors id="field-authType-error" errors={errorList} />
      </fieldset>
    </>
  );
}
