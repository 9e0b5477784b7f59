import type { InputHTMLAttributes, ReactNode, Ref } from "react";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  name: string;
  label: string;
  help?: ReactNode;
  errors?: string[];
  /** A warning that appears as the user edits (announced, and part of the field's description); "" keeps its place empty. */
  notice?: string;
  ref?: Ref<HTMLInputElement>;
};

/** A labelled input whose errors are announced and tied to it with aria-describedby. */
export function Field({ name, label, help, errors, notice: wanted, id, className, ...input }: FieldProps) {
  const notice = noticeBeside(wanted, errors);
  const fieldId = id ?? `field-${name}`;
  const errorId = `${fieldId}-error`;
  const helpId = `${fieldId}-help`;
  const noticeId = `${fieldId}-notice`;
  const describedBy =
    [notice ? noticeId : null, help ? helpId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className={className}>
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={fieldId}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-500"
        {...input}
      />
      {notice !== undefined ? <FieldNotice id={noticeId} notice={notice} /> : null}
      {help ? (
        <p id={helpId} className="mt-1 text-xs text-slate-600">
          {help}
        </p>
      ) : null}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

/** The notice, unless an error under the field already says the same (it is then said once, as the error). */
export const noticeBeside = (notice: string | undefined, errors?: string[]) =>
  notice && errors?.includes(notice) ? "" : notice;

/** Rendered (empty) before it has anything to say, so screen readers announce it when it does. */
export function FieldNotice({ id, notice }: { id: string; notice: string }) {
  return (
    <p id={id} aria-live="polite" className={notice ? "mt-1 text-xs font-medium text-amber-800" : undefined}>
      {notice}
    </p>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={id} aria-live="polite" className="mt-1 text-sm text-red-700">
      {errors?.join(" ")}
    </p>
  );
}
