import { classifyResponse } from "@/lib/health/classify";
import type { HttpResponse } from "@/lib/health/http";
import { vendorText } from "@/lib/health/vendor-text";
import type { Probe, ProbeOutcome } from "@/lib/health/contract";
import { notTheApi } from "./http-probe";

/**
 * A minimal SOAP 1.1 envelope and reader for the SOAP probes (Cybertill, Visualsoft). One
 * operation per check, so a WSDL-driven client would be more machinery than the check needs.
 * The element reader is prefix-agnostic; Peoplevox uses it too.
 */
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&(lt|gt|quot|apos);/g, (_, n: string) => XML_ENTITIES[n])
    .replace(/&amp;/g, "&");
}

/** Text of the first <[prefix:]name ...>text</[prefix:]name> inside `xml`; "" for a self-closed element, undefined when absent. */
export function xmlElementText(xml: string, name: string): string | undefined {
  const open = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*?)?(/?)>`).exec(xml);
  if (!open) return undefined;
  if (open[1] === "/") return "";
  const rest = xml.slice(open.index + open[0].length);
  const close = new RegExp(`</(?:[\\w.-]+:)?${name}\\s*>`).exec(rest);
  return close ? unescapeXml(rest.slice(0, close.index).trim()) : undefined;
}

export interface SoapElement {
  name: string;
  /** Child elements as name -> text (escaped here). */
  children?: Record<string, string>;
}

function element({ name, children = {} }: SoapElement): string {
  const inner = Object.entries(children)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join("");
  return `<ns:${name}>${inner}</ns:${name}>`;
}

export function soapEnvelope(namespace: string, body: SoapElement, header?: SoapElement): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="${escapeXml(namespace)}">`,
    header ? `<soap:Header>${element(header)}</soap:Header>` : "",
    `<soap:Body>${element(body)}</soap:Body>`,
    "</soap:Envelope>",
  ].join("");
}

export interface SoapFault {
  /** The vendor's raw words: put them in a message only through vendorText. */
  code: string;
  message: string;
}

const clean = (text: string) => text.replace(/\s+/g, " ").trim();

/** The SOAP 1.1 (faultcode/faultstring) or 1.2 (Code/Reason) fault in `xml`, if any. */
export function soapFault(xml: string): SoapFault | undefined {
  const fault = xmlElementText(xml, "Fault");
  if (fault === undefined) return undefined;
  const code = xmlElementText(fault, "faultcode") ?? xmlElementText(fault, "Value") ?? "";
  const message = xmlElementText(fault, "faultstring") ?? xmlElementText(fault, "Text") ?? "";
  return { code: clean(code), message: clean(message) };
}

/** True when the fault says the operation itself does not exist (wrong endpoint or API version), not that the login failed. */
export function isMissingOperation(fault: SoapFault): boolean {
  return /(procedure|function) .*(not|n't) (exist|present)|not a valid method|unknown (operation|method)|no such operation/i.test(
    fault.message,
  );
}

/** The Body of a SOAP envelope, or undefined when `xml` is not one. */
export function soapBody(xml: string): string | undefined {
  return xmlElementText(xml, "Body");
}

type Credentials = Readonly<Record<string, string>>;

/**
 * A SOAP system's check, declared: one operation posted to one endpoint. A fault naming a missing operation is a
 * wrong endpoint or version (not_found); any other fault is a refused login; then the HTTP status; then the
 * operation's response element must be in the Body, and `answer` reads it.
 */
export interface SoapProbe {
  /** The endpoint, also the namespace and the SOAPAction's base. */
  endpoint: (credentials: Credentials) => string;
  operation: string;
  header?: (credentials: Credentials) => SoapElement;
  /** Arguments of the operation, built from the credentials. */
  children?: (credentials: Credentials) => Record<string, string>;
  /** Names the service in "… has no {operation} here", e.g. "The Visualsoft API v7". */
  service: (credentials: Credentials) => string;
  /** What was refused, e.g. "Cybertill refused authenticate_get". */
  refused: string;
  /** The API's name for "not like the … API". */
  api: string;
  /** Reads the text of the operation's response element. */
  answer: (response: string, res: HttpResponse, credentials: Credentials) => ProbeOutcome;
}

export function soapProbe(spec: SoapProbe): Probe {
  return async ({ credentials, http }) => {
    const endpoint = spec.endpoint(credentials);
    const op = spec.operation;
    const res = await http.request(endpoint, {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: `"${endpoint}#${op}"`, accept: "text/xml" },
      body: soapEnvelope(
        endpoint,
        { name: op, ...(spec.children ? { children: spec.children(credentials) } : {}) },
        spec.header?.(credentials),
      ),
      maxBytes: 32 * 1024,
    });
    const xml = res.text();
    const fault = soapFault(xml);
    if (fault && isMissingOperation(fault)) {
      const said = vendorText(fault.message, 200) ?? "no fault text";
      const message = `${spec.service(credentials)} has no ${op} here (${said}).`;
      return { status: "unreachable", reason: "not_found", httpStatus: res.status, message };
    }
    if (fault) {
      const message = `${spec.refused}${fault.message ? `: ${vendorText(fault.message, 200)}` : ""}.`;
      return { status: "auth_failed", reason: "invalid_credentials", httpStatus: res.status, message };
    }
    if (res.status !== 200) return classifyResponse(res);
    const body = soapBody(xml);
    const response = body === undefined ? undefined : xmlElementText(body, `${op}Response`);
    if (response === undefined) return notTheApi(res, spec.api, `no ${op} response`);
    return spec.answer(response, res, credentials);
  };
}
