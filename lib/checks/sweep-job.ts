import type { Db } from "@/db";
import { env } from "@/lib/env";
import { runNotificationDelivery } from "@/lib/notifications/delivery-job";
import { WEBHOOK_TIMEOUT_MS } from "@/lib/notifications/send-webhook";
import { runHealthSweep, type SweepReport } from "./sweep";

/**
 * What the cron route and the in-process schedule run: a sweep, then the outbox with whatever time the sweep left
 * (the last attempt started must still finish inside HEALTHCHECK_TIME_BUDGET). A delivery problem is logged and
 * never fails the sweep's answer: the rows stay in the outbox for the next run.
 */
export async function runSweepThenDeliver(db: Db, budgetMs = env.HEALTHCHECK_TIME_BUDGET * 1000): Promise<SweepReport> {
  const started = performance.now();
  const report = await runHealthSweep(db, { timeBudgetMs: budgetMs });
  await runNotificationDelivery(db, budgetMs - (performance.now() - started) - WEBHOOK_TIMEOUT_MS);
  return report;
}
