import { basicAuth, vendorText } from "../kit/http-probe";
import { authType, secret, text } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Epos Now REST API v4 (docs/systems.md, Epos Now): "Authorization: Basic" + base64 of APIKey:APISecret, and a
 * Content-Type header is required; credentials belong to an API device under Web Integrations > REST API; over the
 * account's allowance the API answers "API Limit Exceeded"; one host, no sandbox. A production integration probes
 * GET /api/v4/AppSettings and accepts only 200, which we follow. GUESS: a bad key/secret is 401 (not documented), and
 * the quota message arrives with a 4xx: we read the body for it and report "throttled", not a failure.
 */
export const eposnow: SystemDef = {
  id: "eposnow",
  name: "EposNow",
  category: "pos",
  authTypes: [
    authType("api-key", "API key and secret", [
      text(
        "apiKey",
        "API Key",
        "In the Epos Now Back Office: Web Integrations > REST API > your API device (add one with Add Device). Copy its API Key.",
      ),
      secret(
        "apiSecret",
        "API Secret",
        "Shown next to the API Key of the same API device under Web Integrations > REST API.",
      ),
    ]),
  ],
  probe: restProbe({
    vendor: "Epos Now",
    request: ({ apiKey, apiSecret }) => ({
      url: "https://api.eposnowhq.com/api/v4/AppSettings",
      headers: {
        authorization: basicAuth(apiKey, apiSecret),
        "content-type": "application/json",
        accept: "application/json",
      },
      maxBytes: 32 * 1024,
    }),
    quirks: (res) =>
      res.status >= 400 && res.status < 500 && /api limit exceeded/i.test(res.text())
        ? {
            status: "operational",
            reason: "throttled",
            throttled: true,
            httpStatus: res.status,
            message:
              'Reached, but Epos Now says this API device\'s request allowance is used up ("API Limit Exceeded").',
          }
        : undefined,
    refusal: (res) => vendorText(res.json<{ Message?: unknown }>()?.Message, 80),
    success: "Read the app settings from the Epos Now API.",
  }),
  hints: {
    invalid_credentials:
      "Epos Now did not accept the API Key and Secret. Copy both from the same API device (Web Integrations > REST API) and check the device was not deleted.",
    forbidden:
      "The API device was recognised but may not read this resource. Check the device's access under Web Integrations > REST API.",
  },
};
