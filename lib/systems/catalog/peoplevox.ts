import { authType, host, password, text, username } from "../kit/fields";
import { vendorText } from "@/lib/health/vendor-text";
import { classifyResponse } from "@/lib/health/classify";
import { bareHost } from "../kit/normalise";
import { escapeXml, xmlElementText } from "../kit/soap-call";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Descartes Peoplevox SOAP integration service v4. Sources (docs/systems.md): Patchworks'
 * connector fields (Environment e.g. wms.peoplevox.net, Client ID, Username, Password, token at
 * //ns:Detail); public clients POST to https://{host}/{clientId}/resources/integrationservicev4.asmx
 * with SOAPAction "http://www.peoplevox.net/Authenticate" and the password base64-encoded, and get
 * AuthenticateResult { ResponseId, TotalCount, Detail: "clientId,sessionId", ErrorCode }. Like most
 * SOAP services it answers HTTP 200 for a refused login: ResponseId != 0 with the reason in Detail
 * (exact wording unconfirmed), so the body decides. Regional hosts: wms, emea, ap, qa1.peoplevox.net.
 */
export const PEOPLEVOX_SOAP_ACTION = "http://www.peoplevox.net/Authenticate";

const clean = (text: string) => text.replace(/\s+/g, " ").trim();

function envelope(clientId: string, username: string, password: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>',
    '<Authenticate xmlns="http://www.peoplevox.net/">',
    `<clientId>${escapeXml(clientId)}</clientId><username>${escapeXml(username)}</username>`,
    `<password>${escapeXml(Buffer.from(password, "utf8").toString("base64"))}</password>`,
    "</Authenticate></soap:Body></soap:Envelope>",
  ].join("");
}

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const { environment, clientId, username, password } = credentials;
  const res = await http.request(
    `https://${environment}/${encodeURIComponent(clientId)}/resources/integrationservicev4.asmx`,
    {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: PEOPLEVOX_SOAP_ACTION, accept: "text/xml" },
      body: envelope(clientId, username, password),
      maxBytes: 32 * 1024,
    },
  );
  if (res.status === 404)
    return {
      ...classifyResponse(res),
      message: `Peoplevox has no integration service for client "${clientId}" on ${environment} (HTTP 404).`,
    };
  if (res.status !== 200) return classifyResponse(res);

  const result = xmlElementText(res.text(), "AuthenticateResult");
  const responseId = result === undefined ? undefined : xmlElementText(result, "ResponseId");
  if (result === undefined || responseId === undefined || !/^-?\d+$/.test(responseId.trim())) {
    return {
      status: "unreachable",
      reason: "unexpected_response",
      httpStatus: 200,
      message: "The address answered, but not with a Peoplevox Authenticate result.",
    };
  }
  const detail = clean(xmlElementText(result, "Detail") ?? "");
  if (Number(responseId) !== 0) {
    const code = clean(xmlElementText(result, "ErrorCode") ?? "");
    const why = vendorText([code, detail].filter(Boolean).join(": "), 200);
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      httpStatus: 200,
      message: `Peoplevox refused the login (ResponseId ${responseId.trim()}${why ? `: ${why}` : ""}).`,
    };
  }
  // Success carries "clientId,sessionId"; anything else is not a session we could use.
  const session = detail.split(",").at(1);
  if (!session?.trim())
    return {
      status: "unreachable",
      reason: "unexpected_response",
      httpStatus: 200,
      message: "Peoplevox accepted the login but returned no session.",
    };
  return {
    status: "operational",
    reason: "ok",
    httpStatus: 200,
    message: `Signed in to Peoplevox client "${clientId}".`,
  };
}

export const peoplevox: SystemDef = {
  id: "peoplevox",
  name: "Descartes Peoplevox",
  category: "wms",
  authTypes: [
    authType("password", "Integration user", [
      host(
        "environment",
        "Environment",
        "The Peoplevox host your account lives on, e.g. wms.peoplevox.net (also emea.peoplevox.net, ap.peoplevox.net, or qa1.peoplevox.net for testing). It is the host in the address you use to open Peoplevox.",
        {
          placeholder: "wms.peoplevox.net",
          defaultValue: "wms.peoplevox.net",
          normalise: bareHost,
          pattern: {
            regex: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/,
            message: "Enter the host only, like wms.peoplevox.net.",
          },
        },
      ),
      text(
        "clientId",
        "Client ID",
        "Your Peoplevox client ID, shown in the address after the host (https://wms.peoplevox.net/{client ID}/...) and given by Peoplevox with your integration user.",
        {
          pattern: {
            regex: /^[A-Za-z0-9_-]{1,64}$/,
            message: "Enter the client ID only (letters, digits, - or _), not a URL.",
          },
        },
      ),
      username(
        "The Peoplevox user the integration signs in as; ask your Peoplevox administrator for a dedicated integration user.",
      ),
      password("That user's Peoplevox password (we send it base64-encoded, as the integration service requires)."),
    ]),
  ],
  probe,
  hints: {
    invalid_credentials:
      "Check the username and password of the Peoplevox integration user, and that the client ID belongs to this environment. Locked or expired users are refused the same way.",
    not_found:
      "Check the environment host and the client ID: the service lives at https://{environment}/{client ID}/resources/integrationservicev4.asmx.",
  },
};
