import { getDb } from "@/db";
import { handleCron } from "@/lib/checks/cron";
import { deliverOutbox } from "@/lib/notifications/deliver";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Delivers due notifications on its own (an external cron, or a manual nudge): `Authorization: Bearer $CRON_SECRET`. */
export async function GET(request: Request) {
  // 45 s of new attempts; the last one's 10 s timeout still ends inside maxDuration.
  return handleCron(request, "notification delivery", async () =>
    deliverOutbox(await getDb(), { timeBudgetMs: 45_000 }),
  );
}
