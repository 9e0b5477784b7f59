import { type Dispatcher, request } from "undici";
import { assertUrlAllowed } from "@/lib/health/address-guard";
import { createGuardedAgent } from "@/lib/health/guarded-agent";
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
}

/**
 * One signed POST. Webhook URLs are typed by users, so they get the probes' address guard: scheme and literal
 * addresses before the request, the resolved address at connect time (DNS rebinding). Redirects are not followed
 * (a 3xx is a failed attempt): a redirect is how a public URL would point the request somewhere private.
 */
export async function postWebhook(
  target: { url: string; secret: string },
  event: { id: string; event: string; body: string },
  { allowPrivateNetworks, timeoutMs = WEBHOOK_TIMEOUT_MS, dispatcher }: PostOptions,
): Promise<WebhookAttempt> {
  const started = performance.now();
  const done = (ok: boolean, httpStatus: number | null, error: string | null): WebhookAttempt => ({ ok, httpStatus, error, durationMs: Math.round(performance.now() - started) });
  const agent = dispatcher ? undefined : createGuardedAgent({ connectTimeoutMs: timeoutMs, unguarded: allowPrivateNetworks });
  try {
    const url = new URL(target.url);
    assertUrlAllowed(url, { allowPrivateNetworks });
    const res = await request(url, {
      method: "POST",
      dispatcher: dispatcher ?? agent,
      headers: {
        "content-type": "application/json",
        "user-agent": "Patchbay-Webhooks/1",
        [SIGNATURE_HEADER]: signatureHeader(target.secret, event.body),
        [EVENT_ID_HEADER]: event.id,
        [EVENT_HEADER]: event.event,
      },
      body: event.body,
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

function describeFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  if (e.name === "TimeoutError" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return `No answer within ${timeoutMs / 1000} s.`;
  if (code === "ERR_BLOCKED_ADDRESS" || e.name === "BlockedAddressError") return e.message ?? "Refused: private or reserved address.";
  if (code === "ECONNREFUSED") return "Connection refused.";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "The host name does not resolve.";
  if (e.name === "TypeError" && /Invalid URL/i.test(e.message ?? "")) return "The URL is not valid.";
  return `${code ?? e.name ?? "Error"}: ${(e.cause?.message ?? e.message ?? "").slice(0, 200)}`;
}
