import { type Dispatcher, request } from "undici";
import { assertUrlAllowed } from "@/lib/health/address-guard";
import { createGuardedAgent, type LookupFunction } from "@/lib/health/guarded-agent";
import { EVENT_HEADER, EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signature";

export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface WebhookAttempt {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export interface PostOptions {
  /** HEALTHCHECK_ALLOW_PRIVATE_NETWORKS: lifts the address guard (development, tests). */
  allowPrivateNetworks: boolean;
  timeoutMs?: number;
  /** Tests only: replaces the guarded agent. */
  dispatcher?: Dispatcher;
  /** Tests only: resolver for the guarded agent (the guard still applies to its answers). */
  lookup?: LookupFunction;
}

/**
 * One signed POST. Webhook URLs are typed by users, so they get the probes' address guard: scheme and literal
 * addresses before the request, the resolved address at connect time (DNS rebinding). Redirects are not followed
 * (a 3xx is a failed attempt): a redirect is how a public URL would point the request somewhere private.
 */
export function postWebhook(
  target: { url: string; secret: string },
  event: { id: string; event: string; body: string },
  options: PostOptions,
): Promise<WebhookAttempt> {
  return postJson(
    target.url,
    event.body,
    {
      [SIGNATURE_HEADER]: signatureHeader(target.secret, event.body),
      [EVENT_ID_HEADER]: event.id,
      [EVENT_HEADER]: event.event,
    },
    options,
  );
}

/**
 * One JSON POST to a user-supplied URL (a webhook, or a Slack or Teams incoming webhook), through the address guard,
 * with a deadline and without following redirects. Answers what the delivery log shows, in our own words.
 */
export async function postJson(
  rawUrl: string,
  body: string,
  extraHeaders: Record<string, string>,
  { allowPrivateNetworks, timeoutMs = WEBHOOK_TIMEOUT_MS, dispatcher, lookup }: PostOptions,
): Promise<WebhookAttempt> {
  const started = performance.now();
  const done = (ok: boolean, httpStatus: number | null, error: string | null): WebhookAttempt => ({
    ok,
    httpStatus,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  const agent = dispatcher
    ? undefined
    : createGuardedAgent({ connectTimeoutMs: timeoutMs, unguarded: allowPrivateNetworks, lookup });
  try {
    const url = new URL(rawUrl);
    assertUrlAllowed(url, { allowPrivateNetworks });
    const res = await request(url, {
      method: "POST",
      dispatcher: dispatcher ?? agent,
      headers: { "content-type": "application/json", "user-agent": "Patchbay-Webhooks/1", ...extraHeaders },
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined); // the answer's body is not used
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    return done(ok, res.statusCode, ok ? null : `The endpoint answered HTTP ${res.statusCode}.`);
  } catch (error) {
    return done(false, null, describeFailure(error, timeoutMs));
  } finally {
    await agent?.close().catch(() => undefined);
  }
}

const OWN_TEXT = [
  /^The endpoint answered HTTP \d{3}\.$/,
  /^No answer within \d+(\.\d+)? s\.$/,
  /^The delivery failed( \([A-Z][A-Z0-9_]{1,40}\))?\.$/,
  /^(Refused: the address is on a private or reserved network|The host name does not resolve|Connection refused|The address cannot be reached|A secure \(TLS\) connection could not be established|The connection was closed before the endpoint answered|The URL is not valid)\.$/,
];

/** True for the wording `postWebhook` logs; anything else (an attempt logged by an older version) is not shown as is. */
export function isDeliveryLogText(text: string): boolean {
  return OWN_TEXT.some((re) => re.test(text));
}

const TLS_CODE =
  /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO|HOSTNAME_MISMATCH)/;
const RESET = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ECONNABORTED", "UND_ERR_CLOSED"]);
const UNREACHABLE = new Set(["EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

/**
 * Our own categorised words for the delivery log, never the error's text: socket and resolver messages carry the
 * address a name resolved to ("connect ECONNREFUSED 10.0.0.7:443"), which is an internal detail of the network
 * Patchbay runs in. Only a bare error code is ever quoted.
 */
export function describeFailure(error: unknown, timeoutMs: number): string {
  const codes: string[] = [];
  const names: string[] = [];
  for (
    let e = error as { name?: unknown; code?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 6;
    e = e.cause as typeof e, i++
  ) {
    if (typeof e.code === "string") codes.push(e.code);
    if (typeof e.name === "string") names.push(e.name);
  }
  const has = (test: (code: string) => boolean) => codes.some(test);
  if (has((c) => c === "ERR_BLOCKED_ADDRESS") || names.includes("BlockedAddressError"))
    return "Refused: the address is on a private or reserved network.";
  if (
    names.some((n) => n === "TimeoutError" || n === "AbortError") ||
    has(
      (c) =>
        c === "UND_ERR_HEADERS_TIMEOUT" ||
        c === "UND_ERR_CONNECT_TIMEOUT" ||
        c === "UND_ERR_BODY_TIMEOUT" ||
        c === "ETIMEDOUT" ||
        c === "UND_ERR_ABORTED",
    )
  ) {
    return `No answer within ${timeoutMs / 1000} s.`;
  }
  if (
    has((c) => c === "ENOTFOUND" || c === "EAI_AGAIN" || c === "EAI_NODATA" || c === "EAI_NONAME" || c === "EAI_FAIL")
  )
    return "The host name does not resolve.";
  if (has((c) => c === "ECONNREFUSED")) return "Connection refused.";
  if (has((c) => UNREACHABLE.has(c))) return "The address cannot be reached.";
  if (has((c) => TLS_CODE.test(c))) return "A secure (TLS) connection could not be established.";
  if (has((c) => RESET.has(c))) return "The connection was closed before the endpoint answered.";
  if (has((c) => c === "ERR_INVALID_URL" || c === "UND_ERR_INVALID_ARG")) return "The URL is not valid.";
  const code = codes.find((c) => /^[A-Z][A-Z0-9_]{1,40}$/.test(c));
  return code ? `The delivery failed (${code}).` : "The delivery failed.";
}
