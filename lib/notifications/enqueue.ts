import type { Db, DbOrTx } from "@/db";
import { connectorsInWindowNow } from "@/db/queries/maintenance";
import { insertDueReminders, insertStatusChangeOutbox } from "@/db/queries/outbox";
import type { ResultWrite } from "@/db/queries/health";
import { env } from "@/lib/env";
import { shouldNotify } from "./rules";

type Change = Pick<
  ResultWrite,
  "id" | "orgId" | "fromStatus" | "status" | "changed" | "checkedAt" | "reason" | "message" | "hint"
>;

export const isNotifiable = (w: Change) => w.changed && shouldNotify(w.fromStatus, w.status);

/**
 * Outbox rows for the confirmed changes among `written` (one statement, nothing when none). Must run in the
 * transaction that records the change: a change is never stored without its notifications, nor the reverse.
 * A connector paused or in a maintenance window raises no alert (a save's check can still record a change then).
 */
export async function enqueueStatusNotifications(tx: DbOrTx, written: Change[], appUrl = env.APP_URL): Promise<number> {
  const notifiable = written.filter(isNotifiable);
  const quiet = await connectorsInWindowNow(
    tx,
    notifiable.map((w) => w.id),
  );
  const changes = notifiable
    .filter((w) => !quiet.has(w.id))
    .map((w) => ({
      connectorId: w.id,
      orgId: w.orgId,
      from: w.fromStatus,
      to: w.status,
      at: w.checkedAt,
      reason: w.reason,
      message: w.message,
      hint: w.hint,
    }));
  await insertStatusChangeOutbox(tx, changes, appUrl);
  return changes.length;
}

/** At most one "still down" reminder a day per connector; bounded so a sweep's tail stays short. */
export function enqueueDueReminders(
  db: Db,
  { limit = 200, appUrl = env.APP_URL }: { limit?: number; appUrl?: string } = {},
): Promise<number> {
  return insertDueReminders(db, { limit, appUrl });
}
