import { vendorText } from "@/lib/health/vendor-text";
import { classifyResponse } from "@/lib/health/classify";
import { authType, secret, text } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * BigCommerce REST Management API, store-level API account (docs/systems.md, BigCommerce): 401 "failed to provide
 * credentials or its credentials were invalid", 403 "permissions do not allow the operation", 429 with
 * X-Rate-Limit-Time-Reset-Ms. `GET /v2/store` is the cheapest call that needs a token.
 */

/** Accepts the bare hash, the API path (".../stores/abc123/v3/") or the control panel host ("store-abc123.mybigcommerce.com"). */
export function normaliseStoreHash(value: string): string {
  const text = value.toLowerCase();
  return text.match(/\/stores\/([a-z0-9]+)/)?.[1] ?? text.match(/store-([a-z0-9]+)\.mybigcommerce\.com/)?.[1] ?? text;
}

export const bigcommerce: SystemDef = {
  id: "bigcommerce",
  name: "BigCommerce",
  category: "ecommerce",
  authTypes: [
    authType("token", "Store-level API account", [
      text(
        "storeHash",
        "Store hash",
        "The code after /stores/ in the API path shown when you create the API account (Settings > API > Store-level API accounts), e.g. abc123xyz in https://api.bigcommerce.com/stores/abc123xyz/v3/.",
        {
          placeholder: "abc123xyz",
          normalise: normaliseStoreHash,
          pattern: {
            regex: /^[a-z0-9]{1,64}$/,
            message: "Enter the store hash: the letters and digits after /stores/ in the API path, e.g. abc123xyz.",
          },
        },
      ),
      text(
        "clientId",
        "Client ID",
        "Shown as Client ID when the API account is created (also in the downloaded credentials file).",
      ),
      secret(
        "clientSecret",
        "Client secret",
        "Shown as Client secret when the API account is created. Not needed for this check.",
        { required: false },
      ),
      secret(
        "accessToken",
        "Access token",
        "Shown as Access token when the API account is created; BigCommerce displays it only once.",
      ),
    ]),
  ],
  probe: restProbe({
    vendor: "BigCommerce",
    request: ({ storeHash, accessToken, clientId }) => ({
      url: `https://api.bigcommerce.com/stores/${storeHash}/v2/store`,
      headers: { "x-auth-token": accessToken, "x-auth-client": clientId, accept: "application/json" },
    }),
    quirks: (res) => {
      if (res.status !== 429 || res.header("retry-after")) return undefined;
      // BigCommerce announces its window in milliseconds instead of Retry-After.
      const resetMs = Number(res.header("x-rate-limit-time-reset-ms"));
      return {
        ...classifyResponse(res),
        ...(Number.isFinite(resetMs) && resetMs >= 0 ? { retryAfterMs: resetMs } : {}),
      };
    },
    refusal: "generic",
    expect: "object",
    notTheApi: { message: "BigCommerce answered, but not with store details." },
    success: (res) => {
      const name = res.json<{ name?: string }>()?.name;
      return name ? `Connected to the BigCommerce store "${vendorText(name, 100)}".` : undefined;
    },
  }),
  hints: {
    invalid_credentials:
      "Check the access token. Deleting the API account revokes its token; create a new account if the token was lost.",
    forbidden:
      "The API account needs at least read-only access to the Information & settings scope (Settings > API > Store-level API accounts).",
    not_found: "No store has this store hash: copy it from the API path of the API account.",
  },
};
