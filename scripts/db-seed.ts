import { getDbHandle } from "@/db";
import { describeError } from "@/lib/log";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { seedDemo } from "@/lib/seed/seed-demo";

/** `npm run db:seed`: fills the demo organisation (once; a second run changes nothing). */
async function main() {
  const handle = await getDbHandle();
  const created = await seedDemo(handle.db);
  console.log(created ? "demo organisation created" : "demo organisation already present; nothing changed");
  console.log(`sign in with password "${DEMO_PASSWORD}" as: ${DEMO_USERS.map((u) => u.email).join(", ")}`);
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${describeError(error)}`);
  process.exit(1);
});
