import { z } from "zod";
import { AppError } from "./errors";
import { logError } from "./log";

/** The one shape every server action returns, rendered with useActionState. `values` keeps typed input after a failed submit. */
export type FormState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
};

export const initialFormState: FormState = { ok: false };

export function formValues(formData: FormData, omit: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$") && !omit.includes(k)) values[k] = v;
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

/** Known errors become messages; anything else is logged (without the input) and shown generically. */
export function fromError(error: unknown, values?: Record<string, string>, context = "action"): FormState {
  if (error instanceof AppError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
  logError(context, error);
  return { ok: false, message: "Something went wrong on our side. Please try again.", values };
}
