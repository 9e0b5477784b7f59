import path from "node:path";
import fs from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { PgliteThread } from "./pglite-thread";
import * as schema from "./schema";

/** One handle type for both drivers (a union of the two makes update()/insert() uncallable: stack-notes #9). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Driver = "pg" | "pglite";
export interface DbHandle {
  db: Db;
  driver: Driver;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(/* turbopackIgnore: true */ process.cwd(), "db", "migrations");
const MIGRATION_LOCK = 7_243_001; // pg_advisory_lock key: several instances may start at once on one Postgres

export async function openPostgres(url: string): Promise<DbHandle> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate: run } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new Pool({ connectionString: url, max: 20, idleTimeoutMillis: 30_000 });
  // An idle client dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", (err) => console.error("[db] idle client error:", err.message));
  return {
    db: drizzle(pool, { schema, casing: "snake_case" }) as unknown as Db,
    driver: "pg",
    async migrate() {
      // Several instances may start at once on one Postgres: one migrates, the others wait for it.
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
        await run(drizzle(client, { casing: "snake_case" }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * PGlite 0.5.16's own start parameters, plus a smaller shared_buffers: the default 128 MB roughly doubles the
 * process's memory (349 -> 181 MB resident on reopen, measured) for no gain on an embedded, single-user database.
 * Re-check this list against PGlite's `defaultStartParams` when upgrading it.
 */
const PGLITE_START_PARAMS = [
  ...["--single", "-F", "-O", "-j", "-c", "search_path=public", "-c", "exit_on_error=false", "-c", "log_checkpoints=false"],
  ...["-c", "max_worker_processes=0", "-c", "max_parallel_workers=0", "-c", "max_parallel_workers_per_gather=0"],
  ...["-c", "io_method=sync", "-c", "max_parallel_maintenance_workers=0", "-c", "shared_buffers=32MB"],
];

/**
 * Embedded Postgres (WASM) in its own thread (db/pglite-thread.ts). `dataDir` undefined = in memory;
 * `loadDataDir` = start from a dump (tests restore a migrated database this way).
 */
export async function openPglite(opts: { dataDir?: string; loadDataDir?: Uint8Array }): Promise<DbHandle & { client: PgliteThread }> {
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
 * in several bundles of one process (stack-notes #5); PGlite must never open the same data dir twice.
 */
export function getDbHandle(): Promise<DbHandle> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    const { env } = await import("@/lib/env");
    const handle = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL) : await openPglite({ dataDir: env.PGLITE_DIR });
    await handle.migrate();
    return handle;
  })().catch((err) => {
    delete holder[KEY];
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
  else delete holder[KEY];
}

export { schema };
