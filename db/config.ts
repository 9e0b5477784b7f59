import path from "node:path";
import { z } from "zod";
import { DATABASE_TIMEOUT_DEFAULTS, type DatabaseTimeouts } from "./timeouts";

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

/**
 * The database's variables in the environment, declared once: lib/env.ts validates them with the rest of the
 * configuration at start-up, and the process-wide database (db/index.ts) reads them here when it opens.
 */
export const databaseEnvShape = {
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_CONNECT_TIMEOUT: int(DATABASE_TIMEOUT_DEFAULTS.connect, 1, 60),
  DATABASE_STATEMENT_TIMEOUT: int(DATABASE_TIMEOUT_DEFAULTS.statement, 1, 600),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: int(DATABASE_TIMEOUT_DEFAULTS.idleInTransaction, 1, 3600),
  DATABASE_PREPARED_STATEMENTS: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  DATA_DIR: z.string().min(1).default(".data"),
  PGLITE_DIR: z.string().min(1).optional(),
};

type DatabaseEnv = z.infer<z.ZodObject<typeof databaseEnvShape>>;

/** DATA_DIR and PGLITE_DIR as absolute paths; the embedded database lives in DATA_DIR/pglite unless PGLITE_DIR says. */
export function resolveDataDirs(e: Pick<DatabaseEnv, "DATA_DIR" | "PGLITE_DIR">) {
  const dataDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), e.DATA_DIR);
  const pgliteDir = e.PGLITE_DIR
    ? path.resolve(/* turbopackIgnore: true */ process.cwd(), e.PGLITE_DIR)
    : path.join(dataDir, "pglite");
  return { dataDir, pgliteDir };
}

/** An empty assignment (`DATABASE_URL=` copied from .env.example) means "not set". */
export const withoutEmptyValues = (source: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));

export type DatabaseSettings = {
  url?: string;
  timeouts: DatabaseTimeouts;
  /** Whether Postgres keeps the statements run again and again prepared (db/statement-names.ts). */
  preparedStatements: boolean;
  pgliteDir: string;
};

/** Where the process-wide database is and how long it may take, from the environment. */
export function readDatabaseSettings(source: Record<string, string | undefined> = process.env): DatabaseSettings {
  const parsed = z.object(databaseEnvShape).safeParse(withoutEmptyValues(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    url: e.DATABASE_URL,
    timeouts: {
      connect: e.DATABASE_CONNECT_TIMEOUT,
      statement: e.DATABASE_STATEMENT_TIMEOUT,
      idleInTransaction: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT,
    },
    preparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    pgliteDir: resolveDataDirs(e).pgliteDir,
  };
}
