/** Postgres error of a failed query (Drizzle wraps the driver's error as `cause`; PGlite and pg both set `code`). */
function pgError(error: unknown): { code?: string; constraint?: string; message?: string } | undefined {
  let e = error as { code?: string; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 3; depth++) {
    if (typeof e.code === "string") return e as never;
    e = e.cause as typeof e;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error);
  if (e?.code !== "23505") return false;
  return !constraint || e.constraint === constraint || (e.message ?? "").includes(constraint);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return pgError(error)?.code === "23503";
}
