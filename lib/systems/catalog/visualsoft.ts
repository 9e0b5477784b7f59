import { authType, password, text, url, username } from "../kit/fields";
import { trimTrailingSlashes } from "../kit/normalise";
import { soapProbe } from "../kit/soap-call";
import { notTheApi, ok } from "../kit/http-probe";
import type { SystemDef } from "@/lib/health/contract";

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
  probe: soapProbe({
    endpoint: ({ storeUrl, version }) => `${storeUrl}/api/soap/service/${version}`,
    operation: "HelloWorld",
    header: ({ clientId, username, password }) => ({
      name: "VSAuth",
      children: { ClientID: clientId, Username: username, Password: password },
    }),
    service: ({ version }) => `The Visualsoft API v${version}`,
    refused: "Visualsoft refused the API login",
    api: "Visualsoft SOAP",
    answer: (answer, res, { version }) =>
      /hello world/i.test(answer)
        ? ok(`Visualsoft API v${version} accepted the login.`)
        : notTheApi(res, "Visualsoft SOAP", 'HelloWorld did not answer "hello world"'),
  }),
  hints: {
    invalid_credentials:
      "Check the Client ID, API Username and API Password with Visualsoft: all three must belong to the same API user.",
    not_found: "Check the store URL and API version: the service lives at {store URL}/api/soap/service/{version}.",
  },
};
