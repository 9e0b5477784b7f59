import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Client } from "pg";

/**
 * Where test databases come from. With TEST_DATABASE_URL or DATABASE_URL: real Postgres, one database per test file,
 * copied from a migrated template. Without: embedded PGlite, restored per test file from a migrated dump.
 */
export const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "";
export const usePostgres = postgresUrl !== "";
export const pgliteDumpPath = () => path.join(os.tmpdir(), `patchbay-test-${process.env.PATCHBAY_TEST_RUN}.tar`);

export function databaseUrl(name: string): string {
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export const templateName = () => `pb_tpl_${process.env.PATCHBAY_TEST_RUN}`;
export const freshName = () => `pb_t_${process.env.PATCHBAY_TEST_RUN}_${randomBytes(4).toString("hex")}`;

export function removeDump(): void {
  fs.rmSync(pgliteDumpPath(), { force: true });
}
