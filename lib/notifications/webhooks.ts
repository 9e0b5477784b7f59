import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Db } from "@/db";
import { insertWebhookEvent } from "@/db/queries/outbox";
import {
  countWebhooks,
  deleteWebhookRow,
  getWebhook,
  insertWebhook,
  listWebhookDeliveryRows,
  setWebhookActiveRow,
} from "@/db/queries/webhooks";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { env } from "@/lib/env";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { assertUrlAllowed } from "@/lib/health/address-guard";
import type { NotificationEvent } from "./event";
import { isDeliveryLogText } from "./send-webhook";
import { CHAT_LABELS, chatUrlProblem, maskChatUrl } from "./chat-channels";
import type {
  registerChatChannelSchema,
  registerWebhookSchema,
  setWebhookActiveSchema,
  webhookIdSchema,
} from "./schemas";
import { encryptWebhookSecret, generateWebhookSecret } from "./webhook-secret";

/** Webhooks and chat channels together. */
const MAX_WEBHOOKS = 10;
const assertAllowed = (actor: SessionUser) => {
  if (!can(actor, "notifications.manage")) throw forbidden();
};

/** The delivery log as the settings page shows it: only our own wording, whatever text a stored attempt holds. */
export async function listWebhookDeliveries(db: Db, { orgId, limit = 30 }: { orgId: string; limit?: number }) {
  const rows = await listWebhookDeliveryRows(db, { orgId, limit });
  return rows.map((r) => ({
    ...r,
    error: r.error === null || isDeliveryLogText(r.error) ? r.error : "The delivery failed.",
  }));
}

/**
 * HTTPS only, except where private networks are allowed (development, where receivers run on http://localhost).
 * The address guard runs here for an early answer, and again at every delivery on the address actually connected to.
 * Returns the secret in clear exactly once: only its envelope is stored.
 */
export async function registerWebhook(
  db: Db,
  actor: SessionUser,
  input: z.output<typeof registerWebhookSchema>,
  { allowPrivateNetworks = env.HEALTHCHECK_ALLOW_PRIVATE_NETWORKS } = {},
) {
  assertAllowed(actor);
  const url = new URL(input.url);
  const invalid = (message: string) => new AppError("INVALID", message, { url: [message] });
  if (url.protocol !== "https:" && !allowPrivateNetworks) throw invalid("Use an https:// address.");
  if (url.username || url.password)
    throw invalid("Put no user name or password in the URL; requests are signed instead.");
  try {
    assertUrlAllowed(url, { allowPrivateNetworks });
  } catch {
    throw invalid("That address is private or reserved; webhooks must reach a public address.");
  }
  if ((await countWebhooks(db, { orgId: actor.orgId })) >= MAX_WEBHOOKS)
    throw new AppError("CONFLICT", `An organisation may register at most ${MAX_WEBHOOKS} webhooks.`);
  const id = randomUUID();
  const secret = generateWebhookSecret();
  await insertWebhook(db, {
    id,
    orgId: actor.orgId,
    url: url.toString(),
    ...encryptWebhookSecret(id, secret),
    createdBy: actor.id,
  });
  return { id, secret };
}

/**
 * Adds a Slack or Teams channel by its incoming-webhook URL. The URL is the credential: it is stored only encrypted
 * (bound to the channel's id), and pages get its masked form. The address guard runs here for an early answer and
 * again at every delivery.
 */
export async function registerChatChannel(
  db: Db,
  actor: SessionUser,
  input: z.output<typeof registerChatChannelSchema>,
  { allowPrivateNetworks = env.HEALTHCHECK_ALLOW_PRIVATE_NETWORKS } = {},
) {
  assertAllowed(actor);
  const url = new URL(input.url);
  const invalid = (message: string) => new AppError("INVALID", message, { url: [message] });
  const problem = chatUrlProblem(input.kind, url, { allowPrivateNetworks });
  if (problem) throw invalid(problem);
  try {
    assertUrlAllowed(url, { allowPrivateNetworks });
  } catch {
    throw invalid("That address is private or reserved; chat messages must go to a public address.");
  }
  if ((await countWebhooks(db, { orgId: actor.orgId })) >= MAX_WEBHOOKS)
    throw new AppError("CONFLICT", `An organisation may register at most ${MAX_WEBHOOKS} webhooks and chat channels.`);
  const id = randomUUID();
  const { secret, secretKeyId } = encryptWebhookSecret(id, url.toString());
  await insertWebhook(db, {
    id,
    orgId: actor.orgId,
    kind: input.kind,
    url: maskChatUrl(url.toString()),
    secret,
    secretKeyId,
    createdBy: actor.id,
  });
  return { id, label: CHAT_LABELS[input.kind] };
}

export async function setWebhookActive(db: Db, actor: SessionUser, input: z.output<typeof setWebhookActiveSchema>) {
  assertAllowed(actor);
  const updated = await setWebhookActiveRow(db, { orgId: actor.orgId, webhookId: input.webhookId }, input.active);
  if (!updated) throw notFound("Webhook");
}

/** Its pending deliveries and its log go with it (foreign keys cascade). */
export async function deleteWebhook(db: Db, actor: SessionUser, input: z.output<typeof webhookIdSchema>) {
  assertAllowed(actor);
  if (!(await deleteWebhookRow(db, { orgId: actor.orgId, webhookId: input.webhookId }))) throw notFound("Webhook");
}

/**
 * Queues a "webhook.test" event for one channel: a signed event to a webhook, a test message to a Slack or Teams
 * channel. It goes out with the next delivery run, logged like any other.
 */
export async function sendTestEvent(db: Db, actor: SessionUser, input: z.output<typeof webhookIdSchema>) {
  assertAllowed(actor);
  const hook = await getWebhook(db, { orgId: actor.orgId, webhookId: input.webhookId });
  if (!hook) throw notFound("Webhook");
  const body: NotificationEvent = {
    id: randomUUID(),
    event: "webhook.test",
    connector: {
      id: "00000000-0000-0000-0000-000000000000",
      name: "Test connector",
      system: "sandbox",
      environment: "test",
    },
    from: "operational",
    to: "auth_failed",
    since: new Date().toISOString(),
    reason: "test",
    message: "A test event sent from the webhooks settings page.",
    hint: "Nothing to do: this checks that your endpoint receives and verifies Patchbay events.",
    url: `${env.APP_URL.replace(/\/$/, "")}/settings/webhooks`,
  };
  await insertWebhookEvent(db, { orgId: actor.orgId, webhookId: hook.id, body, timeZone: "UTC" });
  return hook.kind;
}
