import { classifyResponse } from "@/lib/health/classify";
import type { HttpResponse } from "@/lib/health/http";
import type { Probe, ProbeContext, ProbeOutcome } from "@/lib/health/contract";
import type { RestRequest } from "./rest-probe";

/**
 * Reads a token endpoint's non-2xx answer. A 4xx is the vendor refusing to issue a token
 * (auth_failed, token_rejected), except 404 (wrong URL) and 429 (throttled), which keep their
 * generic meaning; 3xx and 5xx are the endpoint's own trouble (docs/systems.md, "Token-exchange systems").
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

type Credentials = Readonly<Record<string, string>>;

/**
 * A token-exchange system's check, declared: the token request alone proves the credentials. Any 2xx carrying a token
 * is operational; a non-2xx is read by `tokenRefusal` with the vendor's words from `refused`.
 */
export interface TokenProbe {
  request: (credentials: Credentials, ctx: ProbeContext) => RestRequest;
  /** Vendor-specific answers read first; undefined goes on. */
  quirks?: (res: HttpResponse, credentials: Credentials) => ProbeOutcome | undefined;
  /** The message (and hint) of a refusal, e.g. with the vendor's error code through `safeCode` or `vendorText`. */
  refused: (res: HttpResponse, credentials: Credentials) => { message?: string; hint?: string };
  /** True when a 2xx carries a token; default: an OAuth 2.0 access_token. */
  issued?: (res: HttpResponse) => boolean;
  /** The message when a 2xx carries no token; default: `notATokenResponse`. */
  noToken?: string;
  success: string | ((res: HttpResponse, credentials: Credentials) => string);
}

export function tokenProbe(spec: TokenProbe): Probe {
  return async (ctx) => {
    const { url, ...init } = spec.request(ctx.credentials, ctx);
    const res = await ctx.http.request(url, init);
    const quirk = spec.quirks?.(res, ctx.credentials);
    if (quirk) return quirk;
    if (res.status < 200 || res.status >= 300) return tokenRefusal(res, spec.refused(res, ctx.credentials));
    if (!(spec.issued ? spec.issued(res) : accessTokenOf(res))) {
      return spec.noToken
        ? { status: "unreachable", reason: "unexpected_response", httpStatus: res.status, message: spec.noToken }
        : notATokenResponse(res);
    }
    const message = typeof spec.success === "function" ? spec.success(res, ctx.credentials) : spec.success;
    return { status: "operational", reason: "ok", httpStatus: res.status, message };
  };
}
