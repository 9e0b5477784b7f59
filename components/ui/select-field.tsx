import type { SelectHTMLAttributes } from "react";
import { FieldErrors } from "./field";

type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  name: string;
  label: string;
  errors?: string[];
  options: { value: string; label: string }[];
  hideLabel?: boolean;
};

export function SelectField({ name, label, errors, options, hideLabel, id, ...select }: Props) {
  const fieldId = id ?? `field-${name}`;
  return (
    <div>
      <label htmlFor={fieldId} className={hideLabel ? "sr-only" : "block text-sm font-medium text-slate-700"}>
        {label}
      </label>
      <select
        id={fieldId}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${fieldId}-error` : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={`${fieldId}-error`} errors={errors} />
    </div>
  );
}
