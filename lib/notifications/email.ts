import { formatDateTime } from "@/lib/format/date";
import { STATUS_LABELS } from "@/lib/format/status-labels";
import { getSystem } from "@/lib/systems";
import type { OutboxPayload } from "./event";
import { isFailure } from "./rules";

export interface ComposedEmail {
  subject: string;
  text: string;
}

/**
 * The e-mail for one event, in the product's words: which connector, what changed, since when (in the connector's
 * own time zone and date format, zone named), the reason, what to check, and a link. Plain text: it reads the same in
 * every client and cannot be turned into markup by a connector name.
 */
export function composeEmail(payload: OutboxPayload): ComposedEmail {
  const e = payload.body;
  const name = e.connector.name;
  const to = STATUS_LABELS[e.to];
  const since = formatDateTime(new Date(e.since), payload.timeZone ?? "UTC", payload.dateFormat ?? "dd/MM/yyyy HH:mm");
  const system = getSystem(e.connector.system)?.name ?? e.connector.system;
  const env = e.connector.environment === "test" ? "testing" : "live";
  const subject =
    e.event === "connector.still_down"
      ? `Reminder: ${name} is still down (${to})`
      : isFailure(e.to)
        ? `${name}: ${to}`
        : `${name} is ${to} again`;
  const what =
    e.event === "connector.still_down"
      ? `${name} (${system}, ${env}) is still ${to}.`
      : `${name} (${system}, ${env}) changed from ${STATUS_LABELS[e.from]} to ${to}.`;
  const lines = [
    what,
    "",
    `Since: ${since}`,
    ...(isFailure(e.to) || e.reason
      ? [`Reason: ${e.message || e.reason}${e.reason && e.message ? ` (${e.reason})` : ""}`]
      : []),
    ...(isFailure(e.to) && e.hint ? [`What to check: ${e.hint}`] : []),
    "",
    `Open the connector: ${e.url}`,
    "",
    "You receive this because you are in the notification group of this connector (or an administrator, when it has none).",
  ];
  return { subject: `[Patchbay] ${subject}`, text: lines.join("\n") };
}
