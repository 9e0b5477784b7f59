import { Field, FieldErrors, FieldNotice, noticeBeside } from "@/components/ui/field";
import type { CatalogueField } from "@/lib/connectors/catalogue";

const CONTROL =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-500";

/**
 * One credential field as the catalogue declares it, in the wizard and the credentials panel alike. Secrets are
 * password inputs, never pre-filled, and never autofilled with the Patchbay login; `placeholder` can show a mask.
 * `notice` warns as the user edits (e.g. a secret to type again); `mustType` marks a field required for this save.
 */
export function CredentialInput({
  field,
  value,
  onChange,
  errors,
  placeholder,
  notice: wanted,
  mustType,
}: {
  field: CatalogueField;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  placeholder?: string;
  notice?: string;
  mustType?: boolean;
}) {
  const name = `credentials.${field.key}`;
  const notice = noticeBeside(wanted, errors);
  const label = field.required === false && !mustType ? `${field.label} (optional)` : field.label;
  if (field.kind !== "textarea" && field.kind !== "select") {
    return (
      <Field
        name={name}
        label={label}
        help={field.help}
        errors={errors}
        notice={notice}
        aria-required={mustType || undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        type={field.secret ? "password" : field.kind === "url" ? "url" : "text"}
        inputMode={field.kind === "number" ? "numeric" : undefined}
        placeholder={placeholder ?? field.placeholder}
        autoComplete={field.secret ? "new-password" : "off"}
        autoCapitalize="none"
        spellCheck={false}
      />
    );
  }
  const id = `field-${name}`;
  const describedBy = [notice ? `${id}-notice` : null, `${id}-help`, errors?.length ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  const common = {
    id,
    name,
    value,
    "aria-invalid": errors?.length ? true : undefined,
    "aria-required": mustType || undefined,
    "aria-describedby": describedBy,
    className: CONTROL,
  };
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {field.kind === "textarea" ? (
        <textarea
          {...common}
          rows={6}
          placeholder={field.placeholder}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          className={`${CONTROL} font-mono text-xs`}
        />
      ) : (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          {field.defaultValue === undefined ? <option value="">Choose…</option> : null}
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
      {notice !== undefined ? <FieldNotice id={`${id}-notice`} notice={notice} /> : null}
      <p id={`${id}-help`} className="mt-1 text-xs text-slate-600">
        {field.help}
      </p>
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}
