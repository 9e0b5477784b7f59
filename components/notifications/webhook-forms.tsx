"use client";

import { useActionState } from "react";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  deleteWebhookAction,
  registerChatChannelAction,
  registerWebhookAction,
  sendTestEventAction,
  setWebhookActiveAction,
} from "@/lib/actions/webhooks";
import { initialFormState } from "@/lib/form-state";

/** The signing secret arrives once, in the answer to this form, and is shown until the page is left. */
export function RegisterWebhookForm({ allowHttp }: { allowHttp: boolean }) {
  const [state, action] = useActionState(registerWebhookAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Register a webhook">
      <Field
        name="url"
        label="Endpoint URL"
        placeholder="https://example.com/hooks/patchbay"
        defaultValue={v.url}
        key={`u${state.ok}${v.url}`}
        errors={state.fieldErrors?.url}
        help={
          allowHttp
            ? "http:// is allowed here because private networks are allowed (development)."
            : "HTTPS, on a public address."
        }
      />
      <SubmitButton pendingText="Registering…">Register webhook</SubmitButton>
      <FormMessage state={state} />
      {state.reveal?.secret ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">Signing secret (shown once):</p>
          <code className="mt-1 block break-all font-mono" data-testid="webhook-secret">
            {state.reveal.secret}
          </code>
        </div>
      ) : null}
    </form>
  );
}

const CHAT_OPTIONS = [
  { value: "slack", label: "Slack" },
  { value: "teams", label: "Microsoft Teams" },
];

/** Adds a Slack or Teams channel by its incoming-webhook URL; the URL is never shown again (only a masked form). */
export function AddChatChannelForm({ allowHttp }: { allowHttp: boolean }) {
  const [state, action] = useActionState(registerChatChannelAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Add a chat channel">
      <SelectField
        name="kind"
        label="Chat app"
        options={CHAT_OPTIONS}
        defaultValue={v.kind ?? "slack"}
        errors={state.fieldErrors?.kind}
        key={`k${state.ok}${v.kind}`}
      />
      <Field
        name="url"
        id="field-chat-url"
        label="Incoming-webhook URL"
        type="password"
        autoComplete="off"
        placeholder="https://hooks.slack.com/services/…"
        key={`c${String(state.ok)}${state.message ?? ""}`}
        errors={state.fieldErrors?.url}
        help={
          allowHttp
            ? "Any http(s) address is allowed here because private networks are allowed (development)."
            : "Slack: Apps → Incoming Webhooks (https://hooks.slack.com/services/…). Teams: the channel's Workflows → “Post to a channel when a webhook request is received”, or a legacy …webhook.office.com URL. Stored encrypted; shown masked."
        }
      />
      <SubmitButton pendingText="Adding…">Add chat channel</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function WebhookRowActions({
  webhookId,
  url,
  active,
  chat = false,
}: {
  webhookId: string;
  url: string;
  active: boolean;
  /** A Slack or Teams channel: its test is a message. */
  chat?: boolean;
}) {
  const [testState, test] = useActionState(sendTestEventAction, initialFormState);
  const [activeState, toggle] = useActionState(setWebhookActiveAction, initialFormState);
  const [deleteState, remove] = useActionState(deleteWebhookAction, initialFormState);
  const last = [testState, activeState, deleteState].find((s) => s.message);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={test} aria-label={`Send a test ${chat ? "message" : "event"} to ${url}`}>
        <input type="hidden" name="webhookId" value={webhookId} />
        <SubmitButton variant="secondary" pendingText="Queuing…">
          {chat ? "Send test message" : "Send test event"}
        </SubmitButton>
      </form>
      <form action={toggle}>
        <input type="hidden" name="webhookId" value={webhookId} />
        <input type="hidden" name="active" value={active ? "false" : "true"} />
        <SubmitButton variant="secondary">{active ? "Deactivate" : "Activate"}</SubmitButton>
      </form>
      <ConfirmInline
        trigger="Delete…"
        label={`Delete the ${chat ? "channel" : "webhook"} ${url}`}
        title={`Delete the ${chat ? "channel" : "webhook"} ${url}?`}
        confirm={chat ? "Delete channel" : "Delete webhook"}
        pendingText="Deleting…"
        action={remove}
      >
        <input type="hidden" name="webhookId" value={webhookId} />
        <p>Pending deliveries and its delivery log are removed.</p>
      </ConfirmInline>
      <p aria-live="polite" className={`basis-full text-sm ${last?.ok ? "text-emerald-700" : "text-red-700"}`}>
        {last?.message}
      </p>
    </div>
  );
}
