import { classifyResponse } from "@/lib/health/classify";
import type { HttpResponse } from "@/lib/health/http";
import type { ProbeOutcome } from "@/lib/health/contract";

/** Small pieces of the HTTP probes (restProbe, tokenProbe, soapProbe and the probes of their own). */

/** `Authorization` value for HTTP Basic. */
export function basicAuth(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`, "utf8").toString("base64")}`;
}

/**
 * True when a 200 carries JSON. A body cut off at the read cap still counts when it is declared
 * JSON and starts like JSON: probes read only the first few kilobytes of a list on purpose.
 */
export function answeredJson(res: HttpResponse): boolean {
  if (res.json() !== undefined) return true;
  const type = res.header("content-type") ?? "";
  return res.truncated && /json/i.test(type) && /^\s*[[{]/.test(res.text());
}

/** A 200 that is plainly a web page (sign-in page, parked domain, proxy), not an API answer. */
export function looksLikeHtml(res: HttpResponse): boolean {
  return /html/i.test(res.header("content-type") ?? "") || /^\s*<(!doctype html|html)/i.test(res.text());
}

export const ok = (message?: string): ProbeOutcome => ({
  status: "operational",
  reason: "ok",
  httpStatus: 200,
  ...(message ? { message } : {}),
});

/** The address answered 200, but not like the vendor's API: unreachable, never a guessed success. */
export function notTheApi(
  res: Pick<HttpResponse, "status">,
  vendor: string,
  detail = "is the URL the API's address, not a website, sign-in page or proxy?",
): ProbeOutcome {
  return {
    status: "unreachable",
    reason: "unexpected_response",
    httpStatus: res.status,
    message: `The address answered, but not like the ${vendor} API (${detail}).`,
  };
}

/** A piece of vendor text for a message: marked, so the engine redacts it before cleaning and cutting it to `max`. */
export { vendorText } from "@/lib/health/vendor-text";

/** The generic reading of a non-200 answer, with the vendor's own words for 401/403/404 when it gave some. */
export function statusOutcome(res: HttpResponse, vendor: string, detail?: string): ProbeOutcome {
  const base = classifyResponse(res);
  if (res.status === 401 || res.status === 403) {
    return {
      ...base,
      message: `${vendor} refused the credentials (HTTP ${res.status}${detail ? `: ${detail}` : ""}).`,
    };
  }
  return base;
}
