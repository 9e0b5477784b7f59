import { type Db, openPglite, schema } from "./index";

export type RawQuery = (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * A handle on the database whose drizzle reports every statement and its parameters to `onQuery`, with `raw` to run
 * SQL text on the same connection (bench:summary explains what the page queries sent). PGlite opens as the server
 * opens it (its own thread, same settings); Postgres gets a one-connection pool.
 */
export async function openLoggedDb(
  opts: { pgliteDir: string | null; url?: string },
  onQuery: (text: string, params: unknown[]) => void,
): Promise<{ db: Db; raw: RawQuery; close: () => Promise<void> }> {
  const logger = { logQuery: onQuery };
  if (opts.pgliteDir) {
    const { drizzle } = await import("drizzle-orm/pglite");
    const handle = await openPglite({ dataDir: opts.pgliteDir });
    const raw: RawQuery = (text, params) =>
      handle.client.query(text, params) as Promise<{ rows: Record<string, unknown>[] }>;
    return {
      db: drizzle({ client: handle.client as never, schema, casing: "snake_case", logger }) as unknown as Db,
      raw,
      close: () => handle.close(),
    };
  }
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({ connectionString: opts.url, max: 1 });
  const raw: RawQuery = (text, params) => pool.query(text, params);
  return { db: drizzle(pool, { schema, casing: "snake_case", logger }) as unknown as Db, raw, close: () => pool.end() };
}
