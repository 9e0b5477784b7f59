import { getDb } from "@/db";
import { handleCron } from "@/lib/checks/cron";
import { runSweepThenDeliver } from "@/lib/checks/sweep-job";

export const dynamic = "force-dynamic";
// The sweep's own time budget (HEALTHCHECK_TIME_BUDGET, default 50 s) keeps it inside this limit.
export const maxDuration = 60;

/** Vercel Cron (vercel.json) calls this every 5 minutes with `Authorization: Bearer $CRON_SECRET`; the outbox is delivered after the sweep. */
export async function GET(request: Request) {
  return handleCron(request, "health sweep", async () => runSweepThenDeliver(await getDb()));
}
