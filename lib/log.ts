import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { format } from "node:util";
import pino from "pino";
import { describeDatabaseError } from "@/db/errors";
import { env } from "./env";

/**
 * The server's one logger (pino). Production writes one JSON object a line to stdout; development writes the same
 * fields as a readable line. What a line says about where it comes from (requestId, runId, orgId, connectorId) is
 * taken from the log context of the request or job it runs in (withLogContext), so callers log plain messages.
 */
export interface LogFields {
  requestId?: string;
  runId?: string;
  job?: string;
  orgId?: string;
  connectorId?: string;
}

const context = new AsyncLocalStorage<LogFields>();

/** Runs `fn` with `fields` added to every line it logs (nested contexts keep the outer fields). */
export function withLogContext<T>(fields: LogFields, fn: () => T): T {
  return context.run({ ...context.getStore(), ...dropUndefined(fields) }, fn);
}

/** A job run (sweep, delivery, a check): its own run id, plus the fields given. */
export function withRun<T>(job: string, fields: Omit<LogFields, "runId" | "job">, fn: () => T): T {
  return withLogContext({ job, runId: randomUUID(), ...fields }, fn);
}

/** Adds fields to the current context once they are known (the organisation after sign-in, say). */
export function addLogFields(fields: LogFields): void {
  const store = context.getStore();
  if (store) Object.assign(store, dropUndefined(fields));
}

/**
 * Paths pino replaces with "[redacted]" wherever a caller puts them, as a field or inside the request/headers of a
 * line. No code here logs credentials; this is the second line of defence.
 */
const SECRET_KEYS = [
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "Set-Cookie",
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "token",
  "secret",
  "apiKey",
  "api_key",
  "clientSecret",
  "client_secret",
  "refreshToken",
  "refresh_token",
  "accessToken",
  "access_token",
  "credentials",
  "x-api-key",
];
export const REDACT_PATHS = [
  ...SECRET_KEYS.map((k) => (/^[A-Za-z_]\w*$/.test(k) ? k : `["${k}"]`)),
  ...SECRET_KEYS.map((k) => (/^[A-Za-z_]\w*$/.test(k) ? `*.${k}` : `*["${k}"]`)),
  ...["headers", "req.headers", "request.headers", "res.headers", "response.headers"].flatMap((h) =>
    SECRET_KEYS.map((k) => `${h}["${k}"]`),
  ),
];

type Sink = (line: string) => void;
const stdout: Sink = (line) => void process.stdout.write(line);
let sink: Sink = env.NODE_ENV === "development" ? (line) => stdout(readable(line)) : stdout;

/** Where lines go: stdout by default; the log-leak test captures them in memory. Returns the previous sink. */
export function setLogSink(next: Sink): Sink {
  const previous = sink;
  sink = next;
  return previous;
}

export const log = pino(
  {
    level: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
    base: undefined, // no pid/hostname: the platform adds its own
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    messageKey: "msg",
    mixin: () => ({ ...context.getStore() }),
    // Whatever is logged as `err` is described, never serialized: no stack, statement, parameters or extra fields.
    serializers: { err: errorFields },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  },
  { write: (line: string) => sink(line) },
);

const LEVEL_WIDTH = 5;
const HEAD = new Set(["time", "level", "msg"]);

/** Development: `12:01:02.345 INFO  health sweep finished  runId=… claimed=3`. */
export function readable(line: string): string {
  try {
    const { time, level, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const fields = Object.entries(rest)
      .filter(([k]) => !HEAD.has(k))
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(" ");
    const clock = typeof time === "string" ? time.slice(11, 23) : "";
    return `${clock} ${String(level).toUpperCase().padEnd(LEVEL_WIDTH)} ${typeof msg === "string" ? msg : ""}${fields ? `  ${fields}` : ""}\n`;
  } catch {
    return line;
  }
}

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

/** The `err` field of a line: the error's name and code, and describeError's text. Never a stack or a payload. */
export function errorFields(error: unknown): { type: string; code?: string; message: string } {
  const database = describeDatabaseError(error);
  const code = database?.split(" ")[0] ?? (error as { code?: unknown } | null)?.code;
  return {
    type: database ? "DatabaseError" : error instanceof Error ? error.name : typeof error,
    ...(typeof code === "string" ? { code } : {}),
    message: describeError(error),
  };
}

/** An error line: `msg` says where (`api connectors.list`), `err` what went wrong (errorFields). */
export function logError(where: string, error: unknown, fields: Record<string, unknown> = {}): void {
  log.error({ ...fields, err: error }, where);
}

const QUIET = Symbol.for("patchbay.quietConsole");

/**
 * Errors that reach the console from outside our own logging (Next.js prints what a page or route threw; the
 * database layer, which imports nothing from lib, reports a dropped connection) are written as one line by
 * describeError: a database error by its code only, never Drizzle's statement and parameters. In production there is
 * no stack trace either, and the line goes through the logger, so every line on stdout is JSON (`source: "console"`).
 * Installed once per server process (instrumentation.ts).
 */
export function installQuietConsole(production = env.NODE_ENV === "production"): void {
  const holder = console as unknown as Record<symbol, boolean>;
  if (holder[QUIET]) return;
  holder[QUIET] = true;
  for (const level of ["error", "warn"] as const) {
    const write = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const quiet = args.map((arg) =>
        arg instanceof Error && (production || describeDatabaseError(arg)) ? quietLine(arg) : arg,
      );
      if (production) log[level]({ source: "console" }, format(...quiet));
      else write(...quiet);
    };
  }
}

function quietLine(error: Error): string {
  const digest = (error as { digest?: unknown }).digest;
  return `${describeError(error)}${typeof digest === "string" ? ` (digest ${digest})` : ""}`;
}

function dropUndefined(fields: LogFields): LogFields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
