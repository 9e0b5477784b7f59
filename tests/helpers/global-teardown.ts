import { adminQuery, removeDump, templateName, usePostgres } from "./test-database";

export default async function globalTeardown() {
  if (usePostgres) await adminQuery(`DROP DATABASE IF EXISTS ${templateName()} WITH (FORCE)`);
  else removeDump();
}
