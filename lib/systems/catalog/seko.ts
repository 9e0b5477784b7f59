import { trimTrailingSlashes } from "../kit/normalise";
import type { HttpResponse } from "@/lib/health/http";
import { answeredJson, vendorText } from "../kit/http-probe";
import { authType, secret, url } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Seko (SupplyStream iHub) REST API. Sources (docs/systems.md, Seko): iHub "Calling services"
 * (URLs {base}/{service}/v{n}/{method}.json, the token in the query string as api_key= or token=;
 * UAT https://ihubuat.supplystream.com:8081/api/, live https://ihub.supplystream.com:8081/api/);
 * iHub Services lists echo/v1 "to test that their API tokens are working"; the Fabric-Laravel repo
 * reads CallStatus.Success === true from a 200. So HTTP 200 with Success false is a rejection.
 * GUESS: the message field name (Message / ErrorMessage) and whether a bad token can also be 401.
 * The token travels in the URL (Seko's design): the engine redacts it, in every encoding, from
 * anything we report, and no message here quotes the URL.
 */
type CallStatus = { Success?: unknown; Message?: unknown; ErrorMessage?: unknown; Code?: unknown };

const callStatus = (res: HttpResponse) => {
  const status = res.json<{ CallStatus?: CallStatus }>()?.CallStatus;
  return status && typeof status === "object" ? status : undefined;
};

export const seko: SystemDef = {
  id: "seko",
  name: "Seko (API)",
  category: "wms",
  authTypes: [
    authType("api-key", "API token", [
      url(
        "url",
        "API URL",
        "The iHub API address Seko gave you, e.g. https://ihub.supplystream.com:8081/api for live or https://ihubuat.supplystream.com:8081/api for UAT (testing).",
        {
          placeholder: "https://ihub.supplystream.com:8081/api",
          normalise: (v) =>
            trimTrailingSlashes(trimTrailingSlashes(v.replace(/[?#].*$/, "")).replace(/\/echo\/.*$/i, "")),
        },
      ),
      secret(
        "token",
        "API token",
        "The iHub API token (api_key) Seko issued for your account. UAT and live have different tokens.",
      ),
    ]),
  ],
  probe: restProbe({
    vendor: "Seko",
    request: ({ url, token }) => ({
      url: `${url}/echo/v1/hello.json?api_key=${encodeURIComponent(token)}`,
      headers: { accept: "application/json" },
      maxBytes: 16 * 1024,
    }),
    quirks: (res) => {
      const status = res.status === 200 ? callStatus(res) : undefined;
      if (!status || status.Success === true || status.Success === "true") return undefined;
      const said = vendorText(status.Message ?? status.ErrorMessage, 120);
      return {
        status: "auth_failed",
        reason: "invalid_credentials",
        httpStatus: 200,
        message: `Seko refused the API token (CallStatus.Success is false${said ? `: ${said}` : ""}).`,
      };
    },
    expect: (res) => answeredJson(res) && !!callStatus(res),
    notTheApi: { api: "Seko iHub", detail: "no CallStatus" },
    success: "Seko's echo service accepted the API token.",
  }),
  hints: {
    invalid_credentials:
      "Seko did not accept the API token. Check it with Seko, and that it belongs to this environment (UAT and live tokens differ).",
    not_found:
      "Nothing answered at {URL}/echo/v1/hello.json: check the API URL (it usually ends in /api and uses port 8081).",
  },
};
