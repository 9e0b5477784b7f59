import { authType, password, text } from "../kit/fields";
import { tokenProbe } from "../kit/token-exchange";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Plytix PIM. Sources: help.plytix.com/api (API key and password from accounts.plytix.com > API;
 * rate limits); docs.nexla.com plytix_api_auth and public clients (POST
 * https://auth.plytix.com/auth/api/get-token JSON {api_key, api_password} -> {data:[{access_token}]},
 * about 15 minutes, then Bearer on https://pim.plytix.com/api/v1). GUESS: bad credentials are a 401
 * (any 4xx from the token endpoint counts as refused). The token request is the whole probe.
 */
const TOKEN_URL = "https://auth.plytix.com/auth/api/get-token";

export const plytix: SystemDef = {
  id: "plytix",
  name: "Plytix",
  category: "pim",
  authTypes: [
    authType("api-key", "API key and password", [
      text(
        "apiKey",
        "API Key",
        "accounts.plytix.com > API: create an API key (an account administrator can) and copy its API Key.",
      ),
      password(
        "Shown once when the API key is created in accounts.plytix.com > API; if it is lost, create a new key.",
        "API Password",
        "apiPassword",
      ),
    ]),
  ],
  probe: tokenProbe({
    request: ({ apiKey, apiPassword }) => ({
      url: TOKEN_URL,
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ api_key: apiKey, api_password: apiPassword }),
      maxBytes: 32 * 1024,
    }),
    refused: (res) => ({ message: `Plytix refused the API key and password (HTTP ${res.status}).` }),
    issued: (res) => {
      const token = res.json<{ data?: { access_token?: unknown }[] }>()?.data?.[0]?.access_token;
      return typeof token === "string" && token.length > 0;
    },
    noToken: "The Plytix token endpoint answered, but without an access token.",
    success: "Plytix issued an API token for this key.",
  }),
  hints: {
    token_rejected:
      "Check the API Key and API Password in accounts.plytix.com > API: the key may have been deleted, or the password copied incompletely.",
  },
};
