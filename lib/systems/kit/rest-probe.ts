import { classifyResponse } from "@/lib/health/classify";
import type { HttpRequestInit, HttpResponse } from "@/lib/health/http";
import type { Probe, ProbeContext, ProbeOutcome } from "@/lib/health/contract";
import { answeredJson, looksLikeHtml, notTheApi, ok, statusOutcome } from "./http-probe";

type Credentials = Readonly<Record<string, string>>;

export interface RestRequest extends HttpRequestInit {
  url: string;
}

/**
 * A REST system's check, declared: one request, what a successful answer looks like, and the vendor's quirks. The
 * reading is the same for all: quirks first, then any non-200 by its status, then a 200 must pass `expect`.
 */
export interface RestProbe {
  /** The vendor's name in messages, e.g. "Citrus-Lime refused the credentials (HTTP 401)." */
  vendor: string;
  /** The one request a check makes, built from the validated credentials. */
  request: (credentials: Credentials, ctx: ProbeContext) => RestRequest;
  /** Vendor-specific answers read before anything else (a quota text, a better 404 message); undefined goes on. */
  quirks?: (res: HttpResponse, credentials: Credentials, ctx: ProbeContext) => ProbeOutcome | undefined;
  /**
   * How a non-200 is read: by default the vendor is named on 401/403, with the detail this returns (the vendor's own
   * words, through `vendorText`); "generic" keeps the engine's wording for every status.
   */
  refusal?: "generic" | ((res: HttpResponse) => string | undefined);
  /**
   * What a 200 must carry to prove it is the API: JSON (default; a body cut at the read cap counts), a parsed JSON
   * object or array ("object"), anything but a web page ("not-html"), or a test of the answer.
   */
  expect?: "json" | "object" | "not-html" | ((res: HttpResponse, credentials: Credentials) => boolean);
  /** When a 200 fails `expect`: the API's name and what was missing, or a message of our own. */
  notTheApi?: { api?: string; detail?: string } | { message: string };
  /** The message of an operational check (omit for the engine's default). */
  success?: string | ((res: HttpResponse, credentials: Credentials) => string | undefined);
}

function accepted(spec: RestProbe, res: HttpResponse, credentials: Credentials): boolean {
  const expect = spec.expect ?? "json";
  if (expect === "json") return answeredJson(res);
  if (expect === "object") return typeof res.json() === "object" && res.json() !== null;
  if (expect === "not-html") return !looksLikeHtml(res);
  return expect(res, credentials);
}

function rejected(spec: RestProbe, res: HttpResponse): ProbeOutcome {
  const not = spec.notTheApi ?? {};
  if ("message" in not)
    return { status: "unreachable", reason: "unexpected_response", httpStatus: res.status, message: not.message };
  return notTheApi(res, not.api ?? spec.vendor, ...(not.detail ? [not.detail] : []));
}

/** The probe of a REST system from its declaration. */
export function restProbe(spec: RestProbe): Probe {
  return async (ctx) => {
    const { credentials, http } = ctx;
    const { url, ...init } = spec.request(credentials, ctx);
    const res = await http.request(url, init);
    const quirk = spec.quirks?.(res, credentials, ctx);
    if (quirk) return quirk;
    if (res.status !== 200) {
      return spec.refusal === "generic" ? classifyResponse(res) : statusOutcome(res, spec.vendor, spec.refusal?.(res));
    }
    if (!accepted(spec, res, credentials)) return rejected(spec, res);
    return ok(typeof spec.success === "function" ? spec.success(res, credentials) : spec.success);
  };
}
