import { env } from "@/lib/env";
import { logError } from "@/lib/log";

const KEY = Symbol.for("patchbay.health-schedule");
type Holder = { [KEY]?: { stop(): void | Promise<void> } };

/** The schedule to run in-process: HEALTHCHECK_CRON, else every 5 minutes when self-hosted; never on Vercel (Vercel Cron calls the route). */
export function healthCronExpression(): string | null {
  const configured = env.HEALTHCHECK_CRON?.trim();
  if (configured?.toLowerCase() === "off") return null;
  if (configured) return configured;
  return env.VERCEL ? null : "*/5 * * * *";
}

/**
 * Self-hosted scheduling of the same job the cron route runs. noOverlap skips a tick while the previous sweep is
 * still running; several instances may each run one, leases keep every connector checked once. Started once per
 * process (Next may evaluate this module in several bundles), hence the handle on globalThis.
 */
export async function startHealthSchedule(): Promise<boolean> {
  const holder = globalThis as Holder;
  const expression = healthCronExpression();
  if (!expression || holder[KEY]) return false;
  const cron = (await import("node-cron")).default;
  if (!cron.validate(expression))
    throw new Error(`HEALTHCHECK_CRON is not a valid cron expression: "${expression}" (use "off" to disable)`);
  const task = cron.schedule(
    expression,
    async () => {
      try {
        const [{ getDb }, { runSweepThenDeliver }] = await Promise.all([import("@/db"), import("./sweep-job")]);
        await runSweepThenDeliver(await getDb()); // the sweep logs its own summary line
      } catch (error) {
        logError("health-sweep", error);
      }
    },
    { name: "health-sweep", noOverlap: true },
  );
  holder[KEY] = task;
  return true;
}

export async function stopHealthSchedule(): Promise<void> {
  const holder = globalThis as Holder;
  await holder[KEY]?.stop();
  holder[KEY] = undefined;
}
