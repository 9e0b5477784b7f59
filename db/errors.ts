type Chained = {
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
  message?: unknown;
  name?: unknown;
  constraint?: unknown;
  query?: unknown;
  params?: unknown;
};

/** The error and what it wraps: Drizzle sets `cause`, Node's connect errors may be an AggregateError of each address tried. */
function* chain(error: unknown): Generator<Chained> {
  let e = error as Chained | undefined;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    yield e;
    if (Array.isArray(e.errors) && e.errors[0]) yield e.errors[0] as Chained;
    e = e.cause as Chained | undefined;
  }
}

/** Postgres error of a failed query (Drizzle wraps the driver's error as `cause`; PGlite and pg both set `code`). */
function pgError(error: unknown): { code?: string; constraint?: string; message?: string } | undefined {
  for (const e of chain(error)) if (typeof e.code === "string") return e as never;
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

/**
 * SQLSTATE codes meaning "the database cannot be reached or did not answer in time", as opposed to a query it
 * refused: class 08 (connection exception), 57014 (statement timeout), 57P01-57P03/57P05 (shut down, crashed,
 * starting, idle session ended), 53300 (too many connections), 25P03 (idle in transaction too long). The embedded
 * database's thread reports its own end as 08003/08006.
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57014|57P0[1235]|53300|25P03)$/;
/** The socket's own errors: the database's only when the error came from the database driver (see fromDatabase). */
const NETWORK_CODE =
  /^(ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/;
const SQLSTATE = /^[0-9A-Z]{5}$/;
const sqlstate = (e: Chained) =>
  typeof e.code === "string" && SQLSTATE.test(e.code) && !e.code.startsWith("E") ? e.code : undefined;

/** node-postgres reports its own connection failures without a code; these are its fixed messages (pg 8.x), each with a label for logs. */
const DRIVER_MESSAGES: [RegExp, string][] = [
  [/^Connection terminated due to connection timeout/, "connect timeout"],
  [/^timeout exceeded when trying to connect/, "no free connection in time"],
  [/^Connection terminated/, "connection terminated"],
  [/^Query read timeout/, "no answer in time"],
  [/^Client (was closed|has encountered a connection error) and is not queryable/, "connection closed"],
  [/^Cannot use a pool after calling end on the pool/, "pool closed"],
];

const driverLabel = (e: Chained) =>
  typeof e.message === "string" && e.code === undefined
    ? DRIVER_MESSAGES.find(([re]) => re.test(e.message as string))?.[1]
    : undefined;

const DATABASE = Symbol.for("patchbay.database-error");

/** Marks an error thrown by the database driver outside a query (opening a connection), so it is told apart from other network errors. */
export function markDatabaseError<T>(error: T): T {
  if (error && typeof error === "object") Object.defineProperty(error, DATABASE, { value: true });
  return error;
}

/** Drizzle's query error ("Failed query: <sql> params: <values>"), or an error the driver raised (markDatabaseError). */
const fromDatabase = (e: Chained) =>
  (e as { [DATABASE]?: boolean })[DATABASE] === true || ("query" in e && "params" in e);

/** The digest pages' error boundary recognises (Next hands a thrown error's own digest to the browser unchanged). */
export const DATABASE_UNAVAILABLE_DIGEST = "DATABASE_UNAVAILABLE";

/**
 * What a page throws when the database cannot be reached, in place of the driver's error: Next logs what a page
 * throws (with its cause), so this one carries only the code (`description`), and the digest for the error page.
 */
export class DatabaseUnavailableError extends Error {
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;
  constructor(readonly description: string) {
    super(`The database cannot be reached (${description}).`);
    this.name = "DatabaseUnavailableError";
  }
}

/** Rethrows `error`, an unreachable database as a DatabaseUnavailableError (for `.catch()` where pages read). */
export function rethrowQuietly(error: unknown): never {
  if (isDatabaseUnavailable(error) && !(error instanceof DatabaseUnavailableError))
    throw new DatabaseUnavailableError(describeDatabaseError(error) ?? "unavailable");
  throw error;
}

/** True when `error` (or what it wraps) says the database is unreachable, gone or too slow: the caller answers 503 and retries later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let database = false;
  for (const e of chain(error)) {
    if (e.name === "DatabaseUnavailableError") return true;
    database ||= fromDatabase(e);
    const code = sqlstate(e);
    if (code) return UNAVAILABLE_SQLSTATE.test(code);
    if (database && typeof e.code === "string" && NETWORK_CODE.test(e.code)) return true;
    if (driverLabel(e)) return true;
  }
  return false;
}

const CONDITIONS: Partial<Record<string, string>> = {
  "08001": "cannot establish connection",
  "08003": "connection does not exist",
  "08004": "connection rejected",
  "08006": "connection failure",
  "22001": "value too long",
  "22P02": "invalid text representation",
  "23502": "not null violation",
  "23503": "foreign key violation",
  "23505": "unique violation",
  "23514": "check violation",
  "25P03": "idle in transaction timeout",
  "40001": "serialization failure",
  "40P01": "deadlock detected",
  "53300": "too many connections",
  "57014": "statement timeout or cancel",
  "57P01": "server shut down",
  "57P02": "server crashed",
  "57P03": "server not accepting connections",
  "57P05": "idle session timeout",
};
const CLASSES: Partial<Record<string, string>> = {
  "08": "connection exception",
  "22": "data exception",
  "23": "integrity constraint violation",
  "25": "invalid transaction state",
  "40": "transaction rollback",
  "42": "syntax error or access rule violation",
  "53": "insufficient resources",
  "54": "program limit exceeded",
  "55": "object not in prerequisite state",
  "57": "operator intervention",
  "58": "system error",
  XX: "internal error",
};

/**
 * A log line's worth about a database error, or undefined when `error` is not one: the code and its condition name
 * (plus the constraint, a schema name), never the driver's message, the statement or its parameters, which can hold
 * values typed by users, password hashes or encrypted credentials.
 */
export function describeDatabaseError(error: unknown): string | undefined {
  let database = false;
  for (const e of chain(error)) {
    if (e instanceof DatabaseUnavailableError) return e.description;
    database ||= fromDatabase(e);
    const code = sqlstate(e);
    if (code) {
      const constraint = typeof e.constraint === "string" ? ` (${e.constraint})` : "";
      return `${code} ${CONDITIONS[code] ?? CLASSES[code.slice(0, 2)] ?? "database error"}${constraint}`;
    }
    if (database && typeof e.code === "string" && /^E[A-Z_]+$/.test(e.code)) return `${e.code} network error`;
    const label = driverLabel(e);
    if (label) return label;
    if (database && !fromDatabase(e)) return `query failed (${typeof e.name === "string" ? e.name : "error"})`;
  }
  return database ? "query failed" : undefined;
}

/** The statement named a table that does not exist (42P01): e.g. one a pending migration creates. */
export function isUndefinedTable(error: unknown): boolean {
  return pgError(error)?.code === "42P01";
}
