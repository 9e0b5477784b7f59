import { authType, password, text, url, username } from "../fields";
import { vendorText } from "@/lib/health/vendor-text";
import { classifyResponse } from "@/lib/health/classify";
import { trimTrailingSlashes } from "../normalise";
import { isMissingOperation, soapBody, soapEnvelope, soapFault, xmlElementText } from "../soap-call";
import { notTheApi, ok } from "../http-probe";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Visualsoft SOAP API. Sources (docs/systems.md): Shiptheory's Visualsoft guide (credentials:
 * API Username, API Password, Domain, Client ID, and a "Test Connection"); the Fabric-Laravel repo
 * sets a SOAP header VSAuth { ClientID, Username, Password } in the namespace
 * {store URL}/api/soap/service/{version} (versions 3-7) and calls HelloWorld, success = the string
 * "hello world". The WSDL is at {store URL}/api/soap/wsdl/{version}; GUESS: its service address is
 * the namespace URL, which we POST to. A SOAP Fault is read as a refused login unless it says the
 * operation is unknown (wrong version or URL).
 */
export function normaliseStoreUrl(value: string): string {
  return trimTrailingSlashes(trimTrailingSlashes(value.replace(/[?#].*$/, "")).replace(/\/api\/soap(\/.*)?$/i, ""));
}

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const { storeUrl, clientId, username, password, version } = credentials;
  const service = `${storeUrl}/api/soap/service/${version}`;
  const res = await http.request(service, {
    method: "POST",
    headers: { "content-type": "text/xml; charset=utf-8", soapaction: `"${service}#HelloWorld"`, accept: "text/xml" },
    body: soapEnvelope(
      service,
      { name: "HelloWorld" },
      { name: "VSAuth", children: { ClientID: clientId, Username: username, Password: password } },
    ),
    maxBytes: 32 * 1024,
  });
  const xml = res.text();
  const fault = soapFault(xml);
  if (fault && isMissingOperation(fault)) {
    return {
      status: "unreachable",
      reason: "not_found",
      httpStatus: res.status,
      message: `The Visualsoft API v${version} has no HelloWorld here (${vendorText(fault.message, 200) ?? "no fault text"}).`,
    };
  }
  if (fault)
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      httpStatus: res.status,
      message: `Visualsoft refused the API login${fault.message ? `: ${vendorText(fault.message, 200)}` : ""}.`,
    };
  if (res.status !== 200) return classifyResponse(res);
  const body = soapBody(xml);
  const answer = body === undefined ? undefined : xmlElementText(body, "HelloWorldResponse");
  if (answer === undefined) return notTheApi(res, "Visualsoft SOAP", "no HelloWorld response");
  if (!/hello world/i.test(answer)) return notTheApi(res, "Visualsoft SOAP", 'HelloWorld did not answer "hello world"');
  return ok(`Visualsoft API v${version} accepted the login.`);
}

export const visualsoft: SystemDef = {
  id: "visualsoft",
  name: "Visualsoft",
  category: "ecommerce",
  authTypes: [
    authType("soap", "SOAP API user", [
      url(
        "storeUrl",
        "Store URL",
        "Your shop's domain with https://, e.g. https://www.example.com (the API lives under /api/soap on it).",
        { placeholder: "https://www.example.com", normalise: normaliseStoreUrl },
      ),
      text(
        "clientId",
        "Client ID",
        "Your Visualsoft Client ID, given by Visualsoft with the API user (ask your Visualsoft account manager).",
      ),
      username("The API username Visualsoft set up for your integration (not your admin login).", "API Username"),
      password("The password of that Visualsoft API user.", "API Password"),
      {
        key: "version",
        label: "API version",
        help: "The Visualsoft SOAP API version your account uses (3 to 7; ask Visualsoft if unsure).",
        secret: false,
        kind: "select",
        options: ["3", "4", "5", "6", "7"].map((v) => ({ value: v, label: `Version ${v}` })),
        defaultValue: "5",
      },
    ]),
  ],
  probe,
  hints: {
    invalid_credentials:
      "Check the Client ID, API Username and API Password with Visualsoft: all three must belong to the same API user.",
    not_found: "Check the store URL and API version: the service lives at {store URL}/api/soap/service/{version}.",
  },
};
