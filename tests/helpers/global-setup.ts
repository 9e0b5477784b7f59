import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { openPglite, openPostgres } from "../../db";
import { adminQuery, databaseUrl, pgliteDumpPath, templateName, usePostgres } from "./test-database";

/** Migrates once per run: a template database on Postgres, or a PGlite data dump restored by each test file. */
export default async function globalSetup() {
  process.env.PATCHBAY_TEST_RUN ??= randomBytes(3).toString("hex");
  if (usePostgres) {
    await adminQuery(`DROP DATABASE IF EXISTS ${templateName()} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${templateName()}`);
    const handle = await openPostgres(databaseUrl(templateName()));
    await handle.migrate();
    await handle.close();
    return;
  }
  const handle = await openPglite({});
  await handle.migrate();
  fs.writeFileSync(pgliteDumpPath(), await handle.client.dumpDataDir());
  await handle.close();
}
