import { authType, secret, text } from "../kit/fields";
import { soapProbe, xmlElementText } from "../kit/soap-call";
import { ok } from "../kit/http-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Cybertill SOAP API (CybertillApi_v1_6 / v1_5). Sources (docs/systems.md): public C#/PHP
 * clients call authenticate_get(url = the web-store URL, id = the auth ID) and use the returned
 * session string as HTTP Basic token:token for later calls; the Fabric-Laravel repo loads
 * https://{ct number}.c-pos.co.uk/current/CybertillApi_v{version, . -> _}.wsdl.php and accepts any
 * non-empty string. We POST the call to the service (.php, the WSDL's own address) directly.
 * GUESS, so read conservatively: a refusal is a SOAP Fault or an empty string; a fault saying the
 * operation does not exist means a wrong version/endpoint (not_found), not a bad auth ID; the
 * operation's namespace and SOAPAction are unconfirmed (PHP's SoapServer dispatches on the element
 * name).
 */
export function normaliseCtNumber(value: string): string {
  // "https://CT05072.c-pos.co.uk/current/..." -> "ct05072"
  return value
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/[./?#].*$/, "");
}

const versionPath = (v: string) => v.replace(/[._]/g, "_");

export const cybertill: SystemDef = {
  id: "cybertill",
  name: "Cybertill",
  category: "pos",
  authTypes: [
    authType("soap", "SOAP API", [
      text(
        "ctNumber",
        "CT number",
        "Your Cybertill system number, the first part of your Cybertill address: ct05072 in https://ct05072.c-pos.co.uk. You can paste the address.",
        {
          placeholder: "ct05072",
          normalise: normaliseCtNumber,
          pattern: { regex: /^ct\d{3,8}$/, message: "A CT number looks like ct05072." },
        },
      ),
      text("version", "API version", "The Cybertill API version you were given, e.g. 1.6 (CybertillApi_v1_6) or 1.5.", {
        defaultValue: "1.6",
        placeholder: "1.6",
        normalise: (v) => v.replace(/^v/i, "").replace(/_/g, "."),
        pattern: { regex: /^\d+\.\d+$/, message: "Enter the version like 1.6." },
      }),
      secret(
        "authId",
        "Auth ID",
        "The API authentication ID Cybertill issued for your web store (ask Cybertill support if you do not have it).",
      ),
      text(
        "storeUrl",
        "Web store URL",
        "The web-store address registered with Cybertill for this auth ID, e.g. https://www.example.com, exactly as Cybertill has it.",
        { placeholder: "https://www.example.com" },
      ),
    ]),
  ],
  probe: soapProbe({
    endpoint: ({ ctNumber, version }) =>
      `https://${ctNumber}.c-pos.co.uk/current/CybertillApi_v${versionPath(version)}.php`,
    operation: "authenticate_get",
    children: ({ storeUrl, authId }) => ({ url: storeUrl, id: authId }),
    service: ({ version }) => `Cybertill API v${version}`,
    refused: "Cybertill refused authenticate_get",
    api: "Cybertill SOAP",
    answer: (response, _res, { ctNumber }) => {
      const session = xmlElementText(response, "return") ?? response.replace(/<[^>]*>/g, "");
      if (session.trim()) return ok(`Cybertill ${ctNumber} issued a session.`);
      const message =
        "Cybertill answered authenticate_get with an empty session: the auth ID or web-store URL was not accepted.";
      return { status: "auth_failed", reason: "invalid_credentials", httpStatus: 200, message };
    },
  }),
  hints: {
    invalid_credentials:
      "Check the auth ID and the web-store URL with Cybertill: the URL must match the one registered for that auth ID exactly.",
    not_found:
      "Check the CT number and the API version (e.g. 1.6): the service lives at https://{CT number}.c-pos.co.uk/current/CybertillApi_v1_6.php.",
    dns_error: "Check the CT number: no Cybertill system answers at https://{CT number}.c-pos.co.uk.",
  },
};
