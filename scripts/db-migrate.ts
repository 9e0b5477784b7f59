import { getDbHandle } from "@/db";
import { describeError } from "@/lib/log";

/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL, or to the embedded database. */
async function main() {
  const handle = await getDbHandle(); // opening migrates
  console.log(`migrations applied (${handle.driver === "pg" ? "Postgres" : "embedded database"})`);
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(`migration failed: ${describeError(error)}`);
  process.exit(1);
});
