import { looksLikeHtml, notTheApi, ok, statusOutcome } from "../http-probe";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Inventory Planner public API. Sources (systems.md IP1-IP3): help.inventory-planner.com "Inventory
 * Planner Public APIs" (headers `Authorization: <API key>` with no scheme and `Account: <account
 * id>`; keys are per user and only work for users with full access); public clients verify
 * credentials with GET /api/v1/variants?limit=1 and read `variants`; another notes Cloudflare in
 * front answers 403 to requests without a User-Agent or to unknown paths. The engine always sends
 * a User-Agent; a Cloudflare HTML 403 is read as "not the API" (unreachable), only a JSON 403 as
 * the API refusing the key. GUESS: the exact status of a bad key (401 or 403).
 */
async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const res = await http.request("https://app.inventory-planner.com/api/v1/variants?limit=1", {
    headers: { authorization: credentials.apiKey, account: credentials.accountId, accept: "application/json" },
    maxBytes: 64 * 1024,
  });
  if (res.status === 403 && looksLikeHtml(res)) {
    return { status: "unreachable", reason: "unexpected_response", httpStatus: 403, message: "Inventory Planner's firewall (Cloudflare) blocked the request before it reached the API (HTTP 403 page)." };
  }
  if (res.status !== 200) return statusOutcome(res, "Inventory Planner");
  const body = res.json<{ variants?: unknown }>();
  if (!body || !Array.isArray(body.variants)) return notTheApi(res, "Inventory Planner");
  return ok(`Connected to Inventory Planner account "${credentials.accountId}".`);
}

export const inventoryPlanner: SystemDef = {
  id: "inventory-planner",
  name: "Inventory Planner",
  category: "other",
  authTypes: [
    {
      id: "api-key",
      label: "API key",
      fields: [
        {
          key: "accountId",
          label: "Account ID",
          help: "Shown with your API key in Inventory Planner under Settings > API, e.g. a3060.",
          secret: false,
          kind: "text",
          placeholder: "a3060",
          pattern: { regex: /^[A-Za-z0-9_-]{1,64}$/, message: "Enter the account ID only, like a3060." },
        },
        {
          key: "apiKey",
          label: "API key",
          help: "In Inventory Planner: Settings > API > generate a key. Keys belong to one user and only work for users with full access.",
          secret: true,
          kind: "password",
        },
      ],
    },
  ],
  probe,
  hints: {
    invalid_credentials: "Inventory Planner did not accept the API key for this account. Check the key and the account ID (Settings > API).",
    forbidden: "Inventory Planner refused the key: keys only work for users with full access, and the account ID must be the one shown with the key (Settings > API).",
  },
};
