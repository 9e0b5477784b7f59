import type { Db } from "@/db";
import { logError } from "@/lib/log";
import { deliverOutbox, type DeliveryReport } from "./deliver";

/** One delivery run of the outbox within `budgetMs`, as the schedules and actions run it: logs, never throws. */
export async function runNotificationDelivery(db: Db, budgetMs = 30_000): Promise<DeliveryReport | undefined> {
  if (budgetMs <= 0) return undefined;
  try {
    const r = await deliverOutbox(db, { timeBudgetMs: budgetMs });
    if (r.claimed > 0) {
      console.log(`[notifications] ${r.delivered} delivered, ${r.retrying} to retry, ${r.failed} failed, ${r.durationMs} ms`);
    }
    return r;
  } catch (error) {
    logError("notifications", error);
    return undefined;
  }
}
