"use server";

import { getDb } from "@/db";
import type { FormState } from "@/lib/form-state";
import { registerWebhookSchema, setWebhookActiveSchema, webhookIdSchema } from "@/lib/notifications/schemas";
import { deleteWebhook, registerWebhook, sendTestEvent, setWebhookActive } from "@/lib/notifications/webhooks";
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
    await sendTestEvent(db, user, input);
    deliverSoon(db);
    return "Test event queued; it appears in the delivery log within moments (reload the page).";
  });
}
