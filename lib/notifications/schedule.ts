import { env } from "@/lib/env";

const KEY = Symbol.for("patchbay.notification-schedule");
type Holder = { [KEY]?: { stop(): void | Promise<void> } };

/**
 * The outbox on its own clock, every minute, so a mail server or receiver that was down is retried soon after it is
 * back, not only after the next sweep. Leases make several instances safe. Off on Vercel (the cron routes run it)
 * and when HEALTHCHECK_CRON is "off" (scheduling is then left to an external cron calling /api/cron/notifications).
 */
export async function startNotificationSchedule(): Promise<boolean> {
  const holder = globalThis as Holder;
  if (env.VERCEL || env.HEALTHCHECK_CRON?.trim().toLowerCase() === "off" || holder[KEY]) return false;
  const cron = (await import("node-cron")).default;
  holder[KEY] = cron.schedule(
    "* * * * *",
    async () => {
      const [{ getDb }, { runNotificationDelivery }] = await Promise.all([import("@/db"), import("./delivery-job")]);
      await runNotificationDelivery(await getDb(), 45_000);
    },
    { name: "notification-delivery", noOverlap: true },
  );
  return true;
}

export async function stopNotificationSchedule(): Promise<void> {
  const holder = globalThis as Holder;
  await holder[KEY]?.stop();
  holder[KEY] = undefined;
}
