import type { Db } from "@/db";
import { log, logError, withRun } from "@/lib/log";
import { deliverOutbox, type DeliveryReport } from "./deliver";

/** One delivery run of the outbox within `budgetMs`, as the schedules and actions run it: logs, never throws. */
export async function runNotificationDelivery(db: Db, budgetMs = 30_000): Promise<DeliveryReport | undefined> {
  if (budgetMs <= 0) return undefined;
  return withRun("notifications", {}, async () => {
    try {
      const r = await deliverOutbox(db, { timeBudgetMs: budgetMs });
      const { claimed, delivered, retrying, failed, durationMs } = r;
      if (claimed > 0) log.info({ claimed, delivered, retrying, failed, durationMs }, "notification delivery finished");
      return r;
    } catch (error) {
      logError("notifications", error);
      return undefined;
    }
  });
}
