import type { ChannelKind } from "@/db/schema";

/**
 * Slack and Microsoft Teams incoming webhooks. The URL is the credential (whoever has it can post to the channel), so
 * it is stored encrypted and only its masked form is ever shown. Hosts are checked loosely but clearly: a Slack URL is
 * https://hooks.slack.com/services/...; a Teams URL is a Workflows (Power Automate) trigger or a legacy
 * *.webhook.office.com connector URL.
 */
export type ChatKind = Exclude<ChannelKind, "webhook">;

export const CHAT_LABELS: Record<ChannelKind, string> = {
  webhook: "Webhook",
  slack: "Slack",
  teams: "Microsoft Teams",
};

const SLACK_HOSTS = ["hooks.slack.com", "hooks.slack-gov.com"];
/** Power Automate / Workflows trigger hosts, and the legacy Office 365 connector host. */
const TEAMS_HOST_SUFFIXES = [
  ".webhook.office.com",
  ".logic.azure.com",
  ".powerplatform.com",
  ".powerautomate.com",
  ".flow.microsoft.com",
];

export const CHAT_URL_EXAMPLES: Record<ChatKind, string> = {
  slack: "https://hooks.slack.com/services/T000/B000/XXXX",
  teams: "https://prod-00.westeurope.logic.azure.com/workflows/…",
};

const endsWithHost = (host: string, suffix: string) => host === suffix.slice(1) || host.endsWith(suffix);

/**
 * Why `url` is not an incoming-webhook URL of `kind`, or undefined when it is. With private networks allowed
 * (development, tests) any http(s) host is accepted, so local receivers can stand in for the vendor.
 */
export function chatUrlProblem(kind: ChatKind, url: URL, { allowPrivateNetworks }: { allowPrivateNetworks: boolean }) {
  if (url.username || url.password) return "Put no user name or password in the URL.";
  if (allowPrivateNetworks) return undefined;
  if (url.protocol !== "https:") return "Use an https:// address.";
  const host = url.hostname.toLowerCase();
  if (kind === "slack") {
    if (!SLACK_HOSTS.includes(host) || !url.pathname.startsWith("/services/"))
      return `Use a Slack incoming-webhook URL, like ${CHAT_URL_EXAMPLES.slack}.`;
    return undefined;
  }
  if (!TEAMS_HOST_SUFFIXES.some((s) => endsWithHost(host, s)))
    return "Use a Teams Workflows (Power Automate) webhook URL, or a legacy …webhook.office.com connector URL.";
  return undefined;
}

/**
 * What the page shows of a chat URL: the origin, the first path segment and the last four characters, enough to tell
 * two channels apart and nothing an attacker could post with ("https://hooks.slack.com/services/…X9f2").
 */
export function maskChatUrl(raw: string): string {
  const url = new URL(raw);
  const first = url.pathname.split("/").find(Boolean) ?? "";
  const rest = `${url.pathname}${url.search}`;
  const tail = rest.replace(/[^A-Za-z0-9]/g, "").slice(-4);
  return `${url.origin}/${first ? `${first}/` : ""}…${tail}`;
}
