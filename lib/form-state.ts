import { z } from "zod";
import { isDatabaseUnavailable } from "@/db/errors";
import { DATABASE_UNAVAILABLE_MESSAGE } from "./database-faults";
import { AppError } from "./errors";
import { logError } from "./log";

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

/**
 * Known errors become messages; anything else is logged (without the input, a database error by its code only) and
 * shown generically, an unreachable database with its own message. No driver or statement text reaches the form.
 */
export function fromError(error: unknown, values?: Record<string, string>, context = "action"): FormState {
  if (error instanceof AppError)
    return {
      ok: false,
      message: error.message,
      fieldErrors: error.fieldErrors,
      values,
      check: error.check,
      link: error.link,
    };
  logError(context, error);
  if (isDatabaseUnavailable(error)) return { ok: false, message: DATABASE_UNAVAILABLE_MESSAGE, values };
  return { ok: false, message: "Something went wrong on our side. Please try again.", values };
}
