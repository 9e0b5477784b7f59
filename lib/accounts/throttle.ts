import { AppError } from "@/lib/errors";

/** The refusal of a public form (sign-up, "forgot your password?") asked too often from one client address. */
export function throttledError(retryAfterMs: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return new AppError("THROTTLED", `Too many requests. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
}
