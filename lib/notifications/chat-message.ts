import type { ChannelKind } from "@/db/schema";
import type { OutboxPayload } from "./event";
import { type EventText, eventText } from "./event-text";

/**
 * The message a chat channel receives for one event, in that product's own format: Slack Block Kit (with `text` as the
 * notification fallback) and a Microsoft Teams Adaptive Card. Both carry the connector, status, reason, what to check,
 * the time in the connector's zone and format, and a link to its summary. Connector names and vendor messages are
 * user-controlled text, so they are escaped for Slack's mrkdwn and cannot form a link in Teams' markdown.
 */

/** Slack's limits: header text 150 characters, section text 3,000, fallback text kept short. */
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Slack mrkdwn: &, < and > are control characters (links, mentions) and must be escaped in any text we did not write. */
export const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Teams TextBlock and FactSet render a markdown subset whose only active part is a link, `[text](url)`; breaking the
 * "](" pair keeps text we did not write from becoming a link, and leaves everything else as typed.
 */
export const teamsEscape = (s: string) => s.replace(/\]\(/g, "] (");

export function slackMessage(t: EventText) {
  const icon = t.failing ? ":red_circle:" : ":large_green_circle:";
  const fields = [
    { type: "mrkdwn", text: `*Status*\n${slackEscape(t.status)}` },
    { type: "mrkdwn", text: `*Since*\n${slackEscape(t.since)}` },
  ];
  const sections = [
    ...(t.reason ? [{ label: "Reason", text: t.reason }] : []),
    ...(t.hint ? [{ label: "What to check", text: t.hint }] : []),
  ].map((s) => ({
    type: "section",
    text: { type: "mrkdwn", text: cut(`*${s.label}*\n${slackEscape(s.text)}`, 3000) },
  }));
  return {
    text: cut(`${t.title}. Since ${t.since}.`, 300),
    blocks: [
      { type: "header", text: { type: "plain_text", text: cut(t.title, 150), emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: cut(`${icon} ${slackEscape(t.what)}`, 3000) }, fields },
      ...sections,
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Open the connector" },
            url: t.url,
            ...(t.failing ? { style: "danger" } : {}),
          },
        ],
      },
    ],
  };
}

export function teamsMessage(t: EventText) {
  const facts = [
    { title: "Status", value: teamsEscape(t.status) },
    { title: "Since", value: teamsEscape(t.since) },
    ...(t.reason ? [{ title: "Reason", value: teamsEscape(t.reason) }] : []),
    ...(t.hint ? [{ title: "What to check", value: teamsEscape(t.hint) }] : []),
  ];
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          msteams: { width: "Full" },
          body: [
            {
              type: "TextBlock",
              text: teamsEscape(t.title),
              size: "Large",
              weight: "Bolder",
              color: t.failing ? "Attention" : "Good",
              wrap: true,
            },
            { type: "TextBlock", text: teamsEscape(t.what), wrap: true },
            { type: "FactSet", facts },
          ],
          actions: [{ type: "Action.OpenUrl", title: "Open the connector", url: t.url }],
        },
      },
    ],
  };
}

/** The JSON body a chat channel of `kind` receives for the event. */
export function composeChatMessage(kind: Exclude<ChannelKind, "webhook">, payload: OutboxPayload): unknown {
  const t = eventText(payload);
  return kind === "slack" ? slackMessage(t) : teamsMessage(t);
}
