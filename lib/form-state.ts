import { z } from "zod";

/** The one shape every server action returns, rendered with useActionState. `values` keeps typed input after a failed submit. */
export type FormState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Partial<Record<string, string>>;
  /** A connection check that decided the outcome: what happened and what to check. */
  check?: { status: string; reason: string; message: string; hint: string };
  /** Shown once and never again (a newly issued secret or token); never stored by the server in plain text. */
  reveal?: Record<string, string>;
  /** Where to go next (e.g. the existing connector a duplicate collides with). */
  link?: { href: string; label: string };
};

export const initialFormState: FormState = { ok: false };

/** What was typed, to put back into the form after a failed submit; `omit` keeps passwords and secrets out of it. */
export function formValues(
  formData: FormData,
  omit: string[] | ((key: string) => boolean) = [],
): Record<string, string> {
  const skip = typeof omit === "function" ? omit : (k: string) => omit.includes(k);
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$") && !skip(k)) values[k] = v;
  return values;
}

export function fromZodError(error: z.ZodError, values?: Record<string, string>): FormState {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, message: "Please correct the fields marked below.", fieldErrors, values };
}
