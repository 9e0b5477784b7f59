/**
 * Describes an error for a log line without its payload: Drizzle's "Failed query" messages embed the bound
 * parameters (which can be password hashes or encrypted credentials), so only the driver's own message is kept.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  if (error.message.startsWith("Failed query") && error.cause instanceof Error) {
    const code = (error.cause as { code?: string }).code;
    return `database error${code ? ` ${code}` : ""}: ${error.cause.message}`;
  }
  return `${error.name}: ${error.message}`;
}

export function logError(context: string, error: unknown): void {
  console.error(`[${context}] ${describeError(error)}`);
}
