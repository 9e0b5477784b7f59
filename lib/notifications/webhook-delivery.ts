import type { Dispatcher } from "undici";
import type { Db } from "@/db";
import { getWebhook, insertWebhookDelivery } from "@/db/queries/webhooks";
import type { OutboxRow } from "@/db/schema";
import type { LookupFunction } from "@/lib/health/guarded-agent";
import { type OutboxPayload, PermanentDeliveryError } from "./event";
import { composeChatMessage } from "./chat-message";
import { postJson, postWebhook } from "./send-webhook";
import { decryptWebhookSecret } from "./webhook-secret";

/**
 * One attempt of a channel's row: POST (a signed event to a webhook, or the event as a Slack or Teams message to its
 * incoming-webhook URL), then log the attempt (the settings page's delivery log). Throws when the attempt failed, so
 * the outbox schedules the next one; a channel deactivated since the event stops retrying.
 */
export async function deliverWebhookRow(
  db: Db,
  row: OutboxRow & { orgId: string },
  payload: OutboxPayload,
  opts: { allowPrivateNetworks: boolean; dispatcher?: Dispatcher; lookup?: LookupFunction },
): Promise<void> {
  if (!row.webhookId) throw new PermanentDeliveryError("The row names no webhook.");
  const hook = await getWebhook(db, { orgId: row.orgId, webhookId: row.webhookId });
  if (!hook) throw new PermanentDeliveryError("The webhook was deleted.");
  if (!hook.active) throw new PermanentDeliveryError("The webhook is deactivated.");
  // A chat channel's secret is its whole incoming-webhook URL (the `url` column holds only its masked form).
  const secret = decryptWebhookSecret(hook.id, hook.secret);
  const attempt =
    hook.kind === "webhook"
      ? await postWebhook(
          { url: hook.url, secret },
          { id: payload.body.id, event: payload.body.event, body: JSON.stringify(payload.body) },
          opts,
        )
      : await postJson(secret, JSON.stringify(composeChatMessage(hook.kind, payload)), {}, opts);
  await insertWebhookDelivery(db, {
    orgId: row.orgId,
    webhookId: hook.id,
    outboxId: row.id,
    event: payload.body.event,
    attempt: row.attempts,
    httpStatus: attempt.httpStatus,
    ok: attempt.ok,
    error: attempt.error,
    durationMs: attempt.durationMs,
  });
  if (!attempt.ok) throw new Error(attempt.error ?? "The delivery failed.");
}
