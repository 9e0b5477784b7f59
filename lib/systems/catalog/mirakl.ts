import { subdomainOf } from "../kit/normalise";
import { authType, secret, text } from "../kit/fields";
import { classifyResponse } from "@/lib/health/classify";
import { restProbe } from "../kit/rest-probe";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Mirakl Marketplace Platform (MMP) seller API. Sources: developer.mirakl.com
 * content/product/mmp/rest/seller/openapi3 (server https://your-instance.mirakl.net; security
 * "shop_api_key": apiKey in header Authorization, no scheme; "Mirakl API uses standard HTTP
 * return codes"; 429 "Too Many Requests" with Retry-After seconds).
 * - V01 GET /api/version is the health-check endpoint and needs no key: it tells "instance
 *   reachable" apart from "key rejected".
 * - A01 GET /api/account is limited to once per day (maximum usage), so it is unusable for a
 *   periodic check. OR11 GET /api/orders (list orders) is documented for polling every 5 minutes,
 *   at most once per minute, in both the seller and front (operator) APIs; `max=1` keeps the page
 *   to one order, and its `total_count` proves the answer came from the orders API.
 */
export const MIRAKL_VERSION_PATH = "/api/version";
export const MIRAKL_PROBE_PATH = "/api/orders?max=1";

/** "https://Acme-Prod.mirakl.net/mmp/shop" and "acme-prod.mirakl.net" both mean "acme-prod". */
export const normaliseInstance = (value: string): string => subdomainOf(value, /\.mirakl\.net\.?$/);

/** The keyed call: one page of one order; its `total_count` proves the answer came from the orders API. */
const listOrders = restProbe({
  vendor: "Mirakl",
  request: ({ instance, apiKey }) => ({
    url: `https://${instance}.mirakl.net${MIRAKL_PROBE_PATH}`,
    headers: { authorization: apiKey, accept: "application/json" },
    maxBytes: 128 * 1024,
  }),
  refusal: "generic",
  expect: (res) => {
    const body = res.json<{ orders?: unknown; total_count?: unknown }>();
    return !!body && Array.isArray(body.orders) && typeof body.total_count === "number";
  },
  notTheApi: { message: "Mirakl answered, but not with the order list we asked for." },
  success: (_res, { instance }) => `Connected to the Mirakl instance "${instance}".`,
});

async function probe(ctx: ProbeContext): Promise<ProbeOutcome> {
  const { credentials, http } = ctx;
  const base = `https://${credentials.instance}.mirakl.net`;
  const version = await http.request(`${base}${MIRAKL_VERSION_PATH}`, {
    headers: { accept: "application/json" },
    maxBytes: 16 * 1024,
  });
  if (version.status === 404)
    return {
      ...classifyResponse(version),
      message: `No Mirakl instance answered at ${credentials.instance}.mirakl.net (HTTP 404).`,
    };
  // We sent no key, so a 401/403 here says nothing about the user's key: let the keyed call decide.
  const versionGuarded = version.status === 401 || version.status === 403;
  if (version.status !== 200 && !versionGuarded) return classifyResponse(version);
  if (!versionGuarded && typeof version.json<{ version?: unknown }>()?.version !== "string") {
    return {
      status: "unreachable",
      reason: "unexpected_response",
      httpStatus: 200,
      message: "The address answered, but not like a Mirakl instance (no API version).",
    };
  }

  return listOrders(ctx);
}

export const mirakl: SystemDef = {
  id: "mirakl",
  name: "Mirakl",
  category: "marketplace",
  authTypes: [
    authType("api-key", "API key", [
      text(
        "instance",
        "Instance",
        "The name of the marketplace's Mirakl instance, the part before .mirakl.net in its back-office or API address (e.g. acme-prod for https://acme-prod.mirakl.net). You can paste the whole address.",
        {
          placeholder: "acme-prod",
          normalise: normaliseInstance,
          pattern: {
            regex: /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
            message:
              "Enter the instance name, like acme-prod or acme-prod.mirakl.net. Marketplaces on their own domain (not .mirakl.net) are not supported here.",
          },
        },
      ),
      secret(
        "apiKey",
        "API key",
        "In the Mirakl back office: My User Settings > API Key. Generating a new key replaces the old one.",
      ),
    ]),
  ],
  probe,
  hints: {
    invalid_credentials:
      "Mirakl did not accept the API key. Keys are per user and per shop: check it was copied from this marketplace's back office and has not been regenerated since.",
    forbidden:
      "The key was recognised but may not list orders: check the user's role and that the shop is not suspended or closed.",
    not_found: "Check the instance name: it is the part before .mirakl.net in the marketplace's Mirakl address.",
    dns_error: "Check the instance name: it is the part before .mirakl.net in the marketplace's Mirakl address.",
  },
};
