import { formatDateTime } from "@/lib/format/date";
import { STATUS_LABELS } from "@/lib/format/status-labels";
import { getSystem } from "@/lib/systems";
import type { OutboxPayload } from "./event";
import { isFailure } from "./rules";

/** One event in the product's words, shared by every channel (e-mail, Slack, Teams) so they all say the same thing. */
export interface EventText {
  /** "Shopify UK: Failed Authentication", "Shopify UK is Operational again", "Reminder: ... is still down (...)". */
  title: string;
  /** "Shopify UK (Shopify, live) changed from Operational to Failed Authentication." */
  what: string;
  /** In the connector's own time zone and date format, zone named. */
  since: string;
  status: string;
  /** Empty when there is nothing to say (a recovery without a reason). */
  reason: string;
  /** What to check; only for a failure. */
  hint: string;
  url: string;
  failing: boolean;
}

export function eventText(payload: OutboxPayload): EventText {
  const e = payload.body;
  const name = e.connector.name;
  const to = STATUS_LABELS[e.to];
  const since = formatDateTime(new Date(e.since), payload.timeZone ?? "UTC", payload.dateFormat ?? "dd/MM/yyyy HH:mm");
  const system = getSystem(e.connector.system)?.name ?? e.connector.system;
  const env = e.connector.environment === "test" ? "testing" : "live";
  const failing = isFailure(e.to);
  const title =
    e.event === "webhook.test"
      ? `Test message from Patchbay (${name}: ${to})`
      : e.event === "connector.still_down"
        ? `Reminder: ${name} is still down (${to})`
        : failing
          ? `${name}: ${to}`
          : `${name} is ${to} again`;
  const what =
    e.event === "connector.still_down"
      ? `${name} (${system}, ${env}) is still ${to}.`
      : `${name} (${system}, ${env}) changed from ${STATUS_LABELS[e.from]} to ${to}.`;
  const reason = failing || e.reason ? `${e.message || e.reason}${e.reason && e.message ? ` (${e.reason})` : ""}` : "";
  return { title, what, since, status: to, reason, hint: failing ? e.hint : "", url: e.url, failing };
}
