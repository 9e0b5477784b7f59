import { getDbHandle } from "@/db";
import { isDatabaseUnavailable } from "@/db/errors";
import { env } from "@/lib/env";
import { startNotificationSchedule } from "@/lib/notifications/schedule";
import { startHealthSchedule } from "@/lib/checks/schedule";
import { log, logError } from "@/lib/log";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { isDemoSeeded, seedDemo } from "@/lib/seed/seed-demo";
import { startFirstSweep } from "./first-sweep";

/**
 * Runs once per server process (instrumentation.ts): open and migrate the database, seed the demo organisation on a
 * fresh embedded database, tell the operator how to sign in, start the schedules and the first sweep.
 */
export async function startServer(): Promise<void> {
  const handle = await getDbHandle();
  const embedded = handle.driver === "pglite";
  const shouldSeed = env.SEED_DEMO === "always" || (env.SEED_DEMO === "auto" && embedded);
  if (shouldSeed && (await seedDemo(handle.db))) log.info("seeded the demo organisation");
  if (embedded) log.info({ dir: env.PGLITE_DIR }, "embedded database");
  if (await isDemoSeeded(handle.db)) {
    // The demo's published password (README), so a first start says how to sign in.
    const users = DEMO_USERS.map((u) => `${u.role} ${u.email}`).join(", ");
    log.info(`demo sign-ins with the demo password "${DEMO_PASSWORD}": ${users}`);
  }
  await startSchedules();
  void startFirstSweep(); // in the background: it checks through this server, which must be serving
}

async function startSchedules(): Promise<void> {
  if (await startHealthSchedule()) log.info("health checks scheduled in-process (HEALTHCHECK_CRON)");
  if (await startNotificationSchedule()) log.info("notification delivery scheduled in-process (every minute)");
}

/**
 * Starts, or stops the process on a problem only a person can fix (a bad setting, a failed migration). A database
 * that cannot be reached yet is not one: requests answer 503 meanwhile, and the first one that reaches it migrates.
 */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (error) {
    logError("server start", error);
    if (isDatabaseUnavailable(error)) {
      log.warn("the database cannot be reached yet: requests answer 503 until it can; no restart needed");
      await startSchedules().catch((e: unknown) => logError("server start", e));
      return;
    }
    log.fatal("the server cannot start; fix the problem above and start again");
    process.exit(1);
  }
}
