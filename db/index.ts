import path from "node:path";
import fs from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { readDatabaseSettings } from "./config";
import { describeDatabaseError, markDatabaseError } from "./errors";
import { PgliteThread } from "./pglite-thread";
import * as schema from "./schema";
import { ConnectionStatements } from "./statement-names";
import { DATABASE_TIMEOUT_DEFAULTS, type DatabaseTimeouts, postgresTimeoutOptions } from "./timeouts";

/** One handle type for both drivers (a union of the two drivers' types makes update()/insert() uncallable). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** The database or an open transaction: what a query helper that works in both takes. */
export type DbOrTx = Db | Tx;
export type Driver = "pg" | "pglite";
export interface DbHandle {
  db: Db;
  driver: Driver;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(/* turbopackIgnore: true */ process.cwd(), "db", "migrations");
const MIGRATION_LOCK = 7_243_001; // pg_advisory_lock key: several instances may start at once on one Postgres

/**
 * Postgres through a pg Pool with every wait bounded (db/timeouts.ts): a request gets an answer or an error within
 * seconds, never a hang, and the pool heals by itself when the database comes back (each query takes a healthy
 * connection or opens a new one). Migrations run on a connection of their own without those limits.
 */
export async function openPostgres(
  url: string,
  timeouts: DatabaseTimeouts = DATABASE_TIMEOUT_DEFAULTS,
  { preparedStatements = true }: { preparedStatements?: boolean } = {},
): Promise<DbHandle> {
  const pg = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate: run } = await import("drizzle-orm/node-postgres/migrator");
  const limits = postgresTimeoutOptions(timeouts);
  const Client = databaseClient(pg.Client, preparedStatements);
  const pool = new pg.Pool({ connectionString: url, max: 20, idleTimeoutMillis: 30_000, ...limits, Client });
  // An idle client dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", (err) => console.error(`[db] idle connection dropped: ${describeDatabaseError(err) ?? err.name}`));
  return {
    db: drizzle(pool, { schema, casing: "snake_case" }) as unknown as Db,
    driver: "pg",
    async migrate() {
      // A migration may wait for another instance's (the advisory lock) and rewrite big tables: no statement limit.
      const client = new Client({
        connectionString: url,
        connectionTimeoutMillis: limits.connectionTimeoutMillis,
        keepAlive: true,
      });
      client.on("error", (err) =>
        console.error(`[db] migration connection dropped: ${describeDatabaseError(err) ?? err.name}`),
      );
      await client.connect();
      try {
        // Several instances may start at once on one Postgres: one migrates, the others wait for it.
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
        await run(drizzle(client, { casing: "snake_case" }), { migrationsFolder });
      } finally {
        await client.end().catch(() => undefined); // ending the session releases the advisory lock
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Patchbay's Postgres clients, made safe against a database that goes away while a client is checked out:
 * - a query that got no answer within query_timeout leaves node-postgres waiting on that connection, and the next
 *   query on it (a ROLLBACK, the next request's) would queue behind the silent one: the connection is given up at once;
 * - a client whose connection fails or ends is handed back to the pool as broken (the pool drops it and frees the
 *   slot): its holder may never release it (drizzle does not when a transaction's BEGIN fails), and its 'error' would
 *   otherwise be an uncaught exception.
 * A second release by the holder is then a no-op.
 * They also send the statements run again and again as named (prepared) statements (db/statement-names.ts), unless
 * `preparedStatements` is off: behind a connection pooler that hands each transaction a different server connection
 * and does not track prepared statements itself (PgBouncer in transaction mode before 1.21, or without
 * max_prepared_statements), a statement prepared on one connection is missing on the next.
 */
function databaseClient(Base: typeof import("pg").Client, preparedStatements: boolean): typeof import("pg").Client {
  const silent = (error: unknown) => error instanceof Error && error.message === "Query read timeout";
  return class DatabaseClient extends Base {
    #release: ((error?: Error | boolean) => void) | undefined;
    readonly #statements = new ConnectionStatements();

    constructor(config?: string | import("pg").ClientConfig) {
      super(config);
      this.on("error", (error) => this.#giveBack(error));
      this.on("end", () => this.#giveBack(new Error("Connection terminated")));
    }

    /** Set by the pool at each checkout. */
    set release(release: (error?: Error | boolean) => void) {
      this.#release = release;
    }
    get release(): (error?: Error | boolean) => void {
      return (error) => this.#giveBack(error);
    }

    /** A connection that cannot be opened fails with a plain socket error (ECONNREFUSED...): marked as the database's. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- overrides every overload of pg's Client.connect
    connect(...args: any[]): any {
      const callback = (args as unknown[])[0] as ((error: unknown, ...rest: unknown[]) => void) | undefined;
      if (callback) {
        (super.connect as (cb: (error: unknown, ...rest: unknown[]) => void) => void)((error, ...rest) => {
          callback(markDatabaseError(error), ...rest);
        });
        return;
      }
      return super.connect().catch((error: unknown) => {
        throw markDatabaseError(error);
      });
    }

    /**
     * A query config (not a string, not a prepared Query object) of a statement worth keeping prepared gets its name;
     * any other config is sent unnamed, whatever name it came with (drizzle names the queries it builds once,
     * db/prepared-query.ts).
     */
    #named(config: unknown): { config: unknown; name?: string } {
      if (typeof config !== "object" || config === null || "submit" in config) return { config };
      const { text, name: given } = config as { text?: unknown; name?: unknown };
      const name = preparedStatements && typeof text === "string" ? this.#statements.nameFor(text) : undefined;
      return name === given ? { config, name } : { config: { ...config, name }, name };
    }

    #giveBack(error?: Error | boolean) {
      const release = this.#release;
      this.#release = undefined;
      release?.(error);
    }

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- overrides every overload of pg's Client.query
    query(...anyArgs: any[]): any {
      const args = anyArgs as unknown[];
      const { config, name } = this.#named(args[0]);
      args[0] = config;
      const drop = (error: unknown) => {
        if (silent(error)) this.#giveBack(error as Error); // the pool ends it: the socket is destroyed under the silent query
        if (name) this.#statements.failed(name, (error as { code?: unknown } | null)?.code);
      };
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback === "function") {
        const done = callback as (error: unknown, result: unknown) => void;
        args[last] = (error: unknown, result: unknown) => {
          drop(error);
          done(error, result);
        };
        return (super.query as (...a: unknown[]) => unknown)(...args);
      }
      const result = (super.query as (...a: unknown[]) => unknown)(...args);
      return result instanceof Promise
        ? result.catch((error: unknown) => {
            drop(error);
            throw error;
          })
        : result;
    }
  };
}

/**
 * PGlite 0.5.16's own start parameters, plus a smaller shared_buffers: the default 128 MB roughly doubles the
 * process's memory (349 -> 181 MB resident on reopen, measured) for no gain on an embedded, single-user database.
 * Re-check this list against PGlite's `defaultStartParams` when upgrading it.
 */
const PGLITE_START_PARAMS = [
  ...[
    "--single",
    "-F",
    "-O",
    "-j",
    "-c",
    "search_path=public",
    "-c",
    "exit_on_error=false",
    "-c",
    "log_checkpoints=false",
  ],
  ...["-c", "max_worker_processes=0", "-c", "max_parallel_workers=0", "-c", "max_parallel_workers_per_gather=0"],
  ...["-c", "io_method=sync", "-c", "max_parallel_maintenance_workers=0", "-c", "shared_buffers=32MB"],
];

/**
 * Embedded Postgres (WASM) in its own thread (db/pglite-thread.ts). `dataDir` undefined = in memory;
 * `loadDataDir` = start from a dump (tests restore a migrated database this way).
 */
export async function openPglite(opts: {
  dataDir?: string;
  loadDataDir?: Uint8Array;
}): Promise<DbHandle & { client: PgliteThread }> {
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate: run } = await import("drizzle-orm/pglite/migrator");
  if (opts.dataDir) fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true }); // PGlite does not mkdir -p
  const client = await PgliteThread.create({ ...opts, startParams: PGLITE_START_PARAMS });
  // drizzle's PGlite driver only calls query() and transaction(), which the thread's client provides.
  const db = drizzle({ client: client as unknown as PGlite, schema, casing: "snake_case" });
  return {
    db: db as unknown as Db,
    driver: "pglite",
    client,
    migrate: () => run(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

const KEY = Symbol.for("patchbay.db");
type Holder = { [KEY]?: Promise<DbHandle> };

/**
 * The process-wide database, opened and migrated once. Lives on globalThis because Next evaluates this module
 * in several bundles of one process (instrumentation, pages and route handlers); PGlite must never open the same data dir twice.
 */
export function getDbHandle(): Promise<DbHandle> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    const settings = readDatabaseSettings();
    const handle = settings.url
      ? await openPostgres(settings.url, settings.timeouts, settings)
      : await openPglite({ dataDir: settings.pgliteDir });
    await handle.migrate();
    return handle;
  })().catch((err: unknown) => {
    Reflect.deleteProperty(holder, KEY);
    throw err;
  });
  return holder[KEY];
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Tests and scripts that opened their own handle make it the process database. */
export function useDbHandle(handle: DbHandle | undefined): void {
  const holder = globalThis as Holder;
  if (handle) holder[KEY] = Promise.resolve(handle);
  else Reflect.deleteProperty(holder, KEY);
}

export { schema };
