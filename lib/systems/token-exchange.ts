import { classifyResponse } from "@/lib/health/classify";
import type { HttpResponse } from "@/lib/health/http";
import type { ProbeOutcome } from "@/lib/health/contract";

/**
 * Reads a token endpoint's non-2xx answer. A 4xx is the vendor refusing to issue a token
 * (auth_failed, token_rejected), except 404 (wrong URL) and 429 (throttled), which keep their
 * generic meaning; 3xx and 5xx are the endpoint's own trouble (systems.md, "Token-exchange systems").
 */
export function tokenRefusal(res: HttpResponse, detail: { message?: string; hint?: string } = {}): ProbeOutcome {
  if (res.status < 400 || res.status >= 500 || res.status === 404 || res.status === 429) return classifyResponse(res);
  return { status: "auth_failed", reason: "token_rejected", httpStatus: res.status, ...detail };
}

/** The access token from a 2xx OAuth 2.0 token response (RFC 6749 §5.1), or undefined when the body is not one. */
export function accessTokenOf(res: HttpResponse): string | undefined {
  const token = res.json<{ access_token?: unknown }>()?.access_token;
  return typeof token === "string" && token.length > 0 ? token : undefined;
}

/** A short, printable vendor error code for messages; anything else is dropped rather than echoed. */
export function safeCode(value: unknown): string | undefined {
  return typeof value === "string" && /^[\w.:-]{1,60}$/.test(value) ? value : undefined;
}

export const notATokenResponse = (res: HttpResponse): ProbeOutcome => ({
  status: "unreachable",
  reason: "unexpected_response",
  httpStatus: res.status,
  message: "The token endpoint answered, but not with an access token (is the URL the vendor's authorisation server?).",
});
