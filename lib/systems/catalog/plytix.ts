import { tokenRefusal } from "../token-exchange";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Plytix PIM. Sources: help.plytix.com/api (API key and password from accounts.plytix.com > API;
 * rate limits); docs.nexla.com plytix_api_auth and public clients (POST
 * https://auth.plytix.com/auth/api/get-token JSON {api_key, api_password} -> {data:[{access_token}]},
 * about 15 minutes, then Bearer on https://pim.plytix.com/api/v1). GUESS: bad credentials are a 401
 * (any 4xx from the token endpoint counts as refused). The token request is the whole probe.
 */
const TOKEN_URL = "https://auth.plytix.com/auth/api/get-token";

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const res = await http.request(TOKEN_URL, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ api_key: credentials.apiKey, api_password: credentials.apiPassword }),
    maxBytes: 32 * 1024,
  });
  if (res.status < 200 || res.status >= 300) return tokenRefusal(res, { message: `Plytix refused the API key and password (HTTP ${res.status}).` });
  const token = res.json<{ data?: { access_token?: unknown }[] }>()?.data?.[0]?.access_token;
  if (typeof token !== "string" || !token) {
    return { status: "unreachable", reason: "unexpected_response", httpStatus: res.status, message: "The Plytix token endpoint answered, but without an access token." };
  }
  return { status: "operational", reason: "ok", httpStatus: res.status, message: "Plytix issued an API token for this key." };
}

export const plytix: SystemDef = {
  id: "plytix",
  name: "Plytix",
  category: "pim",
  authTypes: [
    {
      id: "api-key",
      label: "API key and password",
      fields: [
        { key: "apiKey", label: "API Key", help: "accounts.plytix.com > API: create an API key (an account administrator can) and copy its API Key.", secret: false, kind: "text" },
        { key: "apiPassword", label: "API Password", help: "Shown once when the API key is created in accounts.plytix.com > API; if it is lost, create a new key.", secret: true, kind: "password", trim: false },
      ],
    },
  ],
  probe,
  hints: {
    token_rejected: "Check the API Key and API Password in accounts.plytix.com > API: the key may have been deleted, or the password copied incompletely.",
  },
};
