"use server";

import { getDb } from "@/db";
import type { FormState } from "@/lib/form-state";
import {
  registerChatChannelSchema,
  registerWebhookSchema,
  setWebhookActiveSchema,
  webhookIdSchema,
} from "@/lib/notifications/schemas";
import {
  deleteWebhook,
  registerChatChannel,
  registerWebhook,
  sendTestEvent,
  setWebhookActive,
} from "@/lib/notifications/webhooks";
import { deliverSoon } from "./deliver-soon";
import { runAction } from "./run-action";

const common = { permission: "notifications.manage", revalidate: "/settings/webhooks" } as const;

/** The signing secret travels in `reveal`, only in the answer to the registration itself. */
export async function registerWebhookAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let secret: string | undefined;
  const state = await runAction(
    formData,
    { ...common, schema: registerWebhookSchema, context: "webhooks.register" },
    async (user, input) => {
      secret = (await registerWebhook(await getDb(), user, input)).secret;
      return "Webhook registered. Copy its signing secret now: it is not shown again.";
    },
  );
  return state.ok && secret ? { ...state, reveal: { secret } } : state;
}

/** The incoming-webhook URL is a credential: it is stored encrypted and never echoed back, even after a refusal. */
export async function registerChatChannelAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: registerChatChannelSchema, omit: ["url"], context: "webhooks.chat" },
    async (user, input) => {
      const { label } = await registerChatChannel(await getDb(), user, input);
      return `${label} channel added. Send it a test message to check that it arrives.`;
    },
  );
}

export async function setWebhookActiveAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: setWebhookActiveSchema, context: "webhooks.active" },
    async (user, input) => {
      await setWebhookActive(await getDb(), user, input);
      return input.active ? "Webhook activated." : "Webhook deactivated: it receives nothing until activated again.";
    },
  );
}

export async function deleteWebhookAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...common, schema: webhookIdSchema, context: "webhooks.delete" },
    async (user, input) => {
      await deleteWebhook(await getDb(), user, input);
      return "Webhook deleted.";
    },
  );
}

export async function sendTestEventAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(formData, { ...common, schema: webhookIdSchema, context: "webhooks.test" }, async (user, input) => {
    const db = await getDb();
    const kind = await sendTestEvent(db, user, input);
    deliverSoon(db);
    return `Test ${kind === "webhook" ? "event" : "message"} queued; it appears in the delivery log within moments (reload the page).`;
  });
}
