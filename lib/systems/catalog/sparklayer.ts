import { authType, liveOrTest, secret, text } from "../kit/fields";
import { safeCode, tokenProbe } from "../kit/token-exchange";
import type { SystemDef } from "@/lib/health/contract";

/**
 * SparkLayer. Source: docs.sparklayer.io/developers/authentication and .../api/core/get-an-access-token:
 * POST {base}/api/auth/token with a Site-Id header and a JSON body (form-encoded is not accepted)
 * {grant_type:"client_credentials", client_id, client_secret} -> access_token (3,600 s, no refresh
 * token), valid only for that Site ID and environment; live https://app.sparklayer.io, test
 * https://test.app.sparklayer.io, each with its own API keys (Dashboard > Settings > API, Pro or
 * Enterprise plan). Errors are RFC 7807 problem details ({title, status, detail, errors[{code}]}), some
 * without a body. GUESS: wrong credentials are a 400/401 from the token endpoint (any 4xx counts).
 */
const BASES: Record<string, string> = { live: "https://app.sparklayer.io", test: "https://test.app.sparklayer.io" };

export const sparklayer: SystemDef = {
  id: "sparklayer",
  name: "SparkLayer",
  category: "ecommerce",
  authTypes: [
    authType("client-credentials", "API key (client credentials)", [
      liveOrTest(
        "Live (app.sparklayer.io) or Test (test.app.sparklayer.io). Each environment has its own data and its own API keys.",
      ),
      text("siteId", "Site ID", "SparkLayer Dashboard > Settings > API: the Site ID shown with your API keys.", {
        pattern: {
          regex: /^[A-Za-z0-9._-]{1,100}$/,
          message: "Copy the Site ID exactly as shown in Settings > API (letters, digits, . _ or -).",
        },
      }),
      text(
        "clientId",
        "Client ID",
        "SparkLayer Dashboard > Settings > API: the Client ID of the API key (API access needs the Pro or Enterprise plan).",
      ),
      secret(
        "clientSecret",
        "Client Secret",
        "Shown with the Client ID when the API key is created in Settings > API. Deleting the key revokes it.",
      ),
    ]),
  ],
  probe: tokenProbe({
    request: ({ environment, siteId, clientId, clientSecret }) => ({
      url: `${BASES[environment]}/api/auth/token`,
      method: "POST",
      headers: { "site-id": siteId, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
      maxBytes: 32 * 1024,
    }),
    refused: (res) => {
      const body = res.json<{ error?: unknown; errors?: { code?: unknown }[] }>();
      const code = safeCode(body?.errors?.[0]?.code) ?? safeCode(body?.error);
      return { message: `SparkLayer refused to issue a token${code ? ` (${code})` : ""} (HTTP ${res.status}).` };
    },
    success: (_res, { siteId, environment }) => `SparkLayer issued a token for site ${siteId} (${environment}).`,
  }),
  hints: {
    token_rejected:
      "Check the Site ID, Client ID and Client Secret, and that the API key belongs to the chosen environment (live and test keys differ).",
    not_found: "The token endpoint was not found: check the environment.",
  },
};
