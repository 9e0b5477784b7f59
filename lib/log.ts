import { describeDatabaseError } from "@/db/errors";

/**
 * Describes an error for a log line without its payload. A database error is logged by its code and condition only
 * (`database 08006 connection failure`): Drizzle's "Failed query" messages embed the statement and its bound
 * parameters (password hashes, encrypted credentials, typed values), and driver messages can quote values too.
 */
export function describeError(error: unknown): string {
  const database = describeDatabaseError(error);
  if (database) return `database ${database}`;
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  return `${error.name}: ${error.message}`;
}

export function logError(context: string, error: unknown): void {
  console.error(`[${context}] ${describeError(error)}`);
}

const QUIET = Symbol.for("patchbay.quietConsole");

/**
 * Errors that reach the console from outside our own logging (Next.js prints what a page or route threw) are
 * written as one line by describeError: a database error by its code only, never Drizzle's statement and parameters;
 * in production no stack trace either. Installed once per server process (instrumentation.ts).
 */
export function installQuietConsole(production = process.env.NODE_ENV === "production"): void {
  const holder = console as unknown as Record<symbol, boolean>;
  if (holder[QUIET]) return;
  holder[QUIET] = true;
  for (const level of ["error", "warn"] as const) {
    const write = console[level].bind(console);
    console[level] = (...args: unknown[]) =>
      write(
        ...args.map((arg) =>
          arg instanceof Error && (production || describeDatabaseError(arg)) ? quietLine(arg) : arg,
        ),
      );
  }
}

function quietLine(error: Error): string {
  const digest = (error as { digest?: unknown }).digest;
  return `${describeError(error)}${typeof digest === "string" ? ` (digest ${digest})` : ""}`;
}
