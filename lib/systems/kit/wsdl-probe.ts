import { classifyResponse } from "@/lib/health/classify";
import type { HttpClient } from "@/lib/health/http";
import type { ProbeOutcome } from "@/lib/health/contract";

/**
 * Reachability of a SOAP service by its service description (Prima, Khaos Control): one GET,
 * body capped, and only a real WSDL (or, for Delphi/WebBroker SOAP servers, their WSDL listing
 * page) counts as "the service is there". Anything else is unreachable with what we saw, never a
 * guessed success. There are no credentials in the request, so a 401/403 is something in front of
 * the service (an IP allow-list, a proxy), not a rejected login.
 */
export interface ServiceDescriptionOptions {
  vendor: string;
  /** Also accept an HTML page linking to WSDLs (Delphi's "WebService Listing" at .../wsdl). */
  acceptListing?: boolean;
}

const WSDL = /<(?:[\w.-]+:)?definitions[\s>]/;
const LISTING = /href="[^"]*\/wsdl\/[^"]+"/i;

export async function fetchServiceDescription(
  http: HttpClient,
  url: string,
  opts: ServiceDescriptionOptions,
): Promise<ProbeOutcome & { kind?: "wsdl" | "listing" }> {
  const res = await http.request(url, {
    headers: { accept: "text/xml, application/xml, text/html;q=0.5" },
    maxBytes: 64 * 1024,
  });
  if (res.status === 401 || res.status === 403) {
    return {
      status: "unreachable",
      reason: "unexpected_response",
      httpStatus: res.status,
      message: `The ${opts.vendor} address refused us (HTTP ${res.status}) before any credentials were involved.`,
      hint: `Something in front of ${opts.vendor} (an IP allow-list, firewall or proxy) is blocking our servers. Ask whoever hosts it to allow our IP addresses.`,
    };
  }
  if (res.status === 404) return { ...classifyResponse(res), message: `Nothing answers at ${url} (HTTP 404).` };
  if (res.status !== 200) return classifyResponse(res);
  const body = res.text();
  if (WSDL.test(body)) return { status: "operational", reason: "ok", httpStatus: 200, kind: "wsdl" };
  if (opts.acceptListing && LISTING.test(body))
    return { status: "operational", reason: "ok", httpStatus: 200, kind: "listing" };
  return {
    status: "unreachable",
    reason: "unexpected_response",
    httpStatus: 200,
    message: `The address answered, but not with the ${opts.vendor} web service description (WSDL).`,
    hint: `Check the URL points at the ${opts.vendor} web service itself, not a website or sign-in page.`,
  };
}
