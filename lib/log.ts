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
