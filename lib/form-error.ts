import { isDatabaseUnavailable } from "@/db/errors";
import { DATABASE_UNAVAILABLE_MESSAGE } from "./database-unavailable";
import { AppError } from "./errors";
import type { FormState } from "./form-state";
import { logError } from "./log";

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
