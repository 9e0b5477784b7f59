import type { CatalogueField } from "@/lib/connectors/catalogue";
import { FieldErrors } from "@/components/ui/field";

/** One credential field as the registry declares it. Secrets are password inputs that are never pre-filled. */
export function CredentialInput({
  field,
  value,
  onChange,
  placeholder,
  errors,
  required,
}: {
  field: CatalogueField;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  errors?: string[];
  required: boolean;
}) {
  const id = `cred-${field.key}`;
  const described = [`${id}-help`, errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  const common = {
    id,
    name: `credentials.${field.key}`,
    value,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": described,
    "aria-required": required || undefined,
    placeholder: placeholder ?? field.placeholder,
    className: "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-500",
  };
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {field.label}
        {field.required === false ? <span className="ml-1 font-normal text-slate-500">(optional)</span> : null}
      </label>
      {field.kind === "textarea" ? (
        <textarea {...common} rows={5} spellCheck={false} className={`${common.className} font-mono text-xs`} />
      ) : field.kind === "select" && field.options ? (
        <select {...common}>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={field.secret ? "password" : field.kind === "url" ? "url" : "text"} autoComplete={field.secret ? "new-password" : "off"} spellCheck={false} />
      )}
      <p id={`${id}-help`} className="mt-1 text-xs text-slate-500">
        {field.help}
      </p>
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}
