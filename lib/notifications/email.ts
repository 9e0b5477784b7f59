import type { OutboxPayload } from "./event";
import { eventText } from "./event-text";

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
  const t = eventText(payload);
  const lines = [
    t.what,
    "",
    `Since: ${t.since}`,
    ...(t.reason ? [`Reason: ${t.reason}`] : []),
    ...(t.hint ? [`What to check: ${t.hint}`] : []),
    "",
    `Open the connector: ${t.url}`,
    "",
    "You receive this because you are in the notification group of this connector (or an administrator, when it has none).",
  ];
  return { subject: `[Patchbay] ${t.title}`, text: lines.join("\n") };
}
