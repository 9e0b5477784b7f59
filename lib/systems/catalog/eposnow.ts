import { answeredJson, basicAuth, notTheApi, ok, statusOutcome, vendorText } from "../http-probe";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Epos Now REST API v4. Sources (systems.md EP1-EP3, FAB): developer.eposnowhq.com Authentication
 * ("Authorization: Basic" + base64 of APIKey:APISecret, a Content-Type header is required);
 * Setup/ApiDevice (credentials per API device under Web Integrations > REST API; over the
 * account's allowance the API answers "API Limit Exceeded"); one host, no sandbox. The
 * Fabric-Laravel repo (a production integration) probes GET /api/v4/AppSettings and accepts only
 * 200, which we follow. GUESS: a bad key/secret is 401 (not documented), and the quota message
 * arrives with a 4xx: we read the body for it and report "throttled", not a failure.
 */
async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const res = await http.request("https://api.eposnowhq.com/api/v4/AppSettings", {
    headers: { authorization: basicAuth(credentials.apiKey, credentials.apiSecret), "content-type": "application/json", accept: "application/json" },
    maxBytes: 32 * 1024,
  });
  if (res.status >= 400 && res.status < 500 && /api limit exceeded/i.test(res.text())) {
    return { status: "operational", reason: "throttled", throttled: true, httpStatus: res.status, message: "Reached, but Epos Now says this API device's request allowance is used up (\"API Limit Exceeded\")." };
  }
  if (res.status !== 200) return statusOutcome(res, "Epos Now", vendorText(res.json<{ Message?: unknown }>()?.Message, 80));
  if (!answeredJson(res)) return notTheApi(res, "Epos Now");
  return ok("Read the app settings from the Epos Now API.");
}

export const eposnow: SystemDef = {
  id: "eposnow",
  name: "EposNow",
  category: "pos",
  authTypes: [
    {
      id: "api-key",
      label: "API key and secret",
      fields: [
        {
          key: "apiKey",
          label: "API Key",
          help: "In the Epos Now Back Office: Web Integrations > REST API > your API device (add one with Add Device). Copy its API Key.",
          secret: false,
          kind: "text",
        },
        {
          key: "apiSecret",
          label: "API Secret",
          help: "Shown next to the API Key of the same API device under Web Integrations > REST API.",
          secret: true,
          kind: "password",
        },
      ],
    },
  ],
  probe,
  hints: {
    invalid_credentials: "Epos Now did not accept the API Key and Secret. Copy both from the same API device (Web Integrations > REST API) and check the device was not deleted.",
    forbidden: "The API device was recognised but may not read this resource. Check the device's access under Web Integrations > REST API.",
  },
};
