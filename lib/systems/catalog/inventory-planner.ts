import { looksLikeHtml } from "../kit/http-probe";
import { apiKey, authType, text } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Inventory Planner public API (docs/systems.md, Inventory Planner): headers `Authorization: <API key>` with no scheme
 * and `Account: <account id>`; keys are per user and only work for users with full access; public clients verify
 * credentials with GET /api/v1/variants?limit=1 and read `variants`; Cloudflare in front answers 403 to requests
 * without a User-Agent or to unknown paths. The engine always sends a User-Agent; a Cloudflare HTML 403 is read as
 * "not the API" (unreachable), only a JSON 403 as the API refusing the key. GUESS: the status of a bad key (401 or 403).
 */
export const inventoryPlanner: SystemDef = {
  id: "inventory-planner",
  name: "Inventory Planner",
  category: "other",
  authTypes: [
    authType("api-key", "API key", [
      text(
        "accountId",
        "Account ID",
        "Shown with your API key in Inventory Planner under Settings > API, e.g. a3060.",
        {
          placeholder: "a3060",
          pattern: { regex: /^[A-Za-z0-9_-]{1,64}$/, message: "Enter the account ID only, like a3060." },
        },
      ),
      apiKey(
        "In Inventory Planner: Settings > API > generate a key. Keys belong to one user and only work for users with full access.",
      ),
    ]),
  ],
  probe: restProbe({
    vendor: "Inventory Planner",
    request: ({ apiKey, accountId }) => ({
      url: "https://app.inventory-planner.com/api/v1/variants?limit=1",
      headers: { authorization: apiKey, account: accountId, accept: "application/json" },
      maxBytes: 64 * 1024,
    }),
    quirks: (res) =>
      res.status === 403 && looksLikeHtml(res)
        ? {
            status: "unreachable",
            reason: "unexpected_response",
            httpStatus: 403,
            message:
              "Inventory Planner's firewall (Cloudflare) blocked the request before it reached the API (HTTP 403 page).",
          }
        : undefined,
    expect: (res) => Array.isArray(res.json<{ variants?: unknown }>()?.variants),
    success: (_res, { accountId }) => `Connected to Inventory Planner account "${accountId}".`,
  }),
  hints: {
    invalid_credentials:
      "Inventory Planner did not accept the API key for this account. Check the key and the account ID (Settings > API).",
    forbidden:
      "Inventory Planner refused the key: keys only work for users with full access, and the account ID must be the one shown with the key (Settings > API).",
  },
};
