import fs from "node:fs";
import { type Db, type DbHandle, openPglite, openPostgres, useDbHandle } from "@/db";
import { adminQuery, databaseUrl, freshName, pgliteDumpPath, templateName, usePostgres } from "./test-database";

export type TestDb = DbHandle & { dispose(): Promise<void> };

/** A clean, migrated database of its own: Postgres (copied from the run's template) or PGlite (restored from its dump). */
export async function createTestDb(): Promise<TestDb> {
  if (usePostgres) {
    const name = freshName();
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateName()}`);
    const handle = await openPostgres(databaseUrl(name));
    return {
      ...handle,
      async dispose() {
        await handle.close();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const handle = await openPglite({ loadDataDir: fs.readFileSync(pgliteDumpPath()) });
  return { ...handle, dispose: () => handle.close() };
}

/**
 * One clean database per test file, also installed as the process database so code that calls getDb() uses it.
 * Returns a getter: the database exists only once beforeAll has run.
 */
export function useTestDb(): () => Db {
  let testDb: TestDb | undefined;
  beforeAll(async () => {
    testDb = await createTestDb();
    useDbHandle(testDb);
  });
  afterAll(async () => {
    useDbHandle(undefined);
    await testDb?.dispose();
  });
  return () => {
    if (!testDb) throw new Error("useTestDb(): the database is ready only inside tests");
    return testDb.db;
  };
}

/** The URL of a Postgres test database (not for PGlite), so a test can open a pool of its own on it. */
export const postgresUrlOf = (d: Db) =>
  (d as unknown as { $client: { options: { connectionString: string } } }).$client.options.connectionString;
