import { escapeXml, xmlElementText } from "./peoplevox";

/**
 * A minimal SOAP 1.1 envelope and reader for the SOAP probes (Cybertill, Visualsoft). One
 * operation per check, so a WSDL-driven client would be more machinery than the check needs.
 * Parsing reuses Peoplevox's prefix-agnostic element reader.
 */
export { escapeXml, xmlElementText };

export interface SoapElement {
  name: string;
  /** Child elements as name -> text (escaped here). */
  children?: Record<string, string>;
}

function element({ name, children = {} }: SoapElement, ns: string): string {
  const inner = Object.entries(children).map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join("");
  return `<ns:${name}>${inner}</ns:${name}>`;
}

export function soapEnvelope(namespace: string, body: SoapElement, header?: SoapElement): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="${escapeXml(namespace)}">`,
    header ? `<soap:Header>${element(header, namespace)}</soap:Header>` : "",
    `<soap:Body>${element(body, namespace)}</soap:Body>`,
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
  return /(procedure|function) .*(not|n't) (exist|present)|not a valid method|unknown (operation|method)|no such operation/i.test(fault.message);
}

/** The Body of a SOAP envelope, or undefined when `xml` is not one. */
export function soapBody(xml: string): string | undefined {
  return xmlElementText(xml, "Body");
}
