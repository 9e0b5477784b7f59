import type { ProbeOutcome } from "@/lib/health/contract";
import type { HttpResponse } from "./http";
import { REASONS } from "./reasons";
import type { ReasonCode } from "./contract";
import { vendorText } from "./vendor-text";

const DNS = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NODATA", "EAI_NONAME", "EAI_FAIL"]);
const REFUSED = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);
const RESET = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ECONNABORTED"]);
const TIMEOUT = new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_ABORTED",
  "ABORT_ERR",
]);
const TLS_CODE =
  /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO|HOSTNAME_MISMATCH)/;

/** Codes and names along the error and its `cause` chain (undici wraps socket errors). */
function describe(err: unknown): { codes: string[]; names: string[]; redirect?: { host: string; httpStatus: number } } {
  const codes: string[] = [];
  const names: string[] = [];
  let redirect: { host: string; httpStatus: number } | undefined;
  for (
    let e = err as
        { code?: unknown; name?: unknown; cause?: unknown; host?: unknown; httpStatus?: unknown } | undefined,
      i = 0;
    e && i < 6;
    e = e.cause as typeof e, i++
  ) {
    if (typeof e.code === "string") codes.push(e.code);
    if (typeof e.name === "string") names.push(e.name);
    if (e.code === "ERR_CROSS_ORIGIN_REDIRECT" && typeof e.host === "string")
      redirect ??= { host: e.host, httpStatus: Number(e.httpStatus) };
  }
  return { codes, names, redirect };
}

function outcome(reason: ReasonCode, extra: Partial<ProbeOutcome> = {}): ProbeOutcome {
  return { status: REASONS[reason].status, reason, ...extra };
}

/** Maps a thrown error (network, TLS, timeout, guard) to an outcome. Unknown errors are unexpected, never "down for sure". */
export function classifyError(err: unknown): ProbeOutcome {
  const { codes, names, redirect } = describe(err);
  const has = (set: Set<string>) => codes.some((c) => set.has(c));
  if (codes.includes("ERR_BLOCKED_ADDRESS")) return outcome("blocked_address");
  if (redirect) {
    // The host is the vendor's (its Location header): vendor text, like any other.
    return outcome("cross_origin_redirect", {
      ...(Number.isInteger(redirect.httpStatus) ? { httpStatus: redirect.httpStatus } : {}),
      hint: `The server redirected to ${vendorText(redirect.host, 120)}; Patchbay does not send credentials to another address. Update the URL if the system has moved.`,
    });
  }
  if (has(DNS)) return outcome("dns_error");
  if (has(TIMEOUT) || names.some((n) => n === "AbortError" || n === "TimeoutError" || n.endsWith("TimeoutError")))
    return outcome("timeout");
  const tls = codes.find((c) => TLS_CODE.test(c));
  if (tls) return outcome("tls_error", { message: `${REASONS.tls_error.message.slice(0, -1)} (${tls}).` });
  if (codes.includes("ECONNREFUSED")) return outcome("connection_refused");
  if (has(REFUSED))
    return outcome("connection_refused", {
      message: `Could not open a connection (${codes.find((c) => REFUSED.has(c))}).`,
    });
  if (has(RESET)) return outcome("connection_reset");
  // An unknown error's own text is not ours to show (it can quote a statement, a body or a secret): its kind only.
  const kind = [names[0], codes[0]].filter(Boolean).join(" ") || "unknown error";
  return outcome("unexpected_response", { message: `The check failed unexpectedly (${kind.slice(0, 80)}).` });
}

/** Retry-After as milliseconds: delta-seconds or an HTTP-date. Undefined when absent or unparseable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The generic reading of an HTTP status: 2xx ok, 401 invalid_credentials, 403 forbidden, 404
 * not_found, 429 throttled (operational, keeps the previous status), 5xx http_5xx, anything else
 * unexpected_response (Unreachable with the raw status, never a guessed auth failure).
 */
export function classifyResponse(res: Pick<HttpResponse, "status" | "header">): ProbeOutcome {
  const httpStatus = res.status;
  if (httpStatus >= 200 && httpStatus < 300) return outcome("ok", { httpStatus });
  if (httpStatus === 401) return outcome("invalid_credentials", { httpStatus });
  if (httpStatus === 403) return outcome("forbidden", { httpStatus });
  if (httpStatus === 404) return outcome("not_found", { httpStatus });
  if (httpStatus === 429) {
    const retryAfterMs = parseRetryAfter(res.header("retry-after"));
    return outcome("throttled", {
      httpStatus,
      throttled: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (httpStatus >= 500)
    return outcome("http_5xx", {
      httpStatus,
      message: `The system answered with a server error (HTTP ${httpStatus}).`,
    });
  if (httpStatus >= 300 && httpStatus < 400) {
    const to = res.header("location");
    const where = to ? ` to ${vendorText(safeHost(to), 120)}` : "";
    return outcome("unexpected_response", {
      httpStatus,
      message: `The system redirected us${where} (HTTP ${httpStatus}) more than we follow.`,
    });
  }
  return outcome("unexpected_response", {
    httpStatus,
    message: `The system answered HTTP ${httpStatus}, which we did not expect.`,
  });
}

function safeHost(location: string): string {
  try {
    return new URL(location, "http://relative.invalid").host.replace("relative.invalid", "another path");
  } catch {
    return "an invalid address";
  }
}
