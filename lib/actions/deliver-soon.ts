import { after } from "next/server";
import type { Db } from "@/db";
import { runNotificationDelivery } from "@/lib/notifications/delivery-job";

/**
 * Delivers the outbox after the answer is sent, so what an action just queued (a test event, a sign-up link) goes out
 * within moments without the click waiting on a mail server or receiver. Outside a request (tests, scripts) there is
 * nothing to run after: the schedule delivers the row instead, so that case is deliberately ignored.
 */
export function deliverSoon(db: Db) {
  try {
    after(() => runNotificationDelivery(db, 15_000));
  } catch {
    /* no request scope: the outbox schedule picks the row up */
  }
}
