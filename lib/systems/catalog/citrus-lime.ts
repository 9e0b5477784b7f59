import { statusOutcome } from "../kit/http-probe";
import { apiKey, authType } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Citrus-Lime Cloud POS API (docs/systems.md, Citrus-Lime): the raw key as the Authorization value (no scheme) on
 * https://cloudposapi.citruslime.com/api/{method}; 401 is "not authenticated"; at most 1 request per second, answered
 * with 429. One GET /api/Store per check is far below the limit, but connectors sharing a key can be checked in the
 * same second by one sweep: that 429 is throttled (operational, Retry-After honoured), never down.
 */
export const citrusLime: SystemDef = {
  id: "citrus-lime",
  name: "Citrus-Lime",
  category: "pos",
  authTypes: [
    authType("api-key", "API key", [
      apiKey(
        "In Citrus-Lime Cloud POS: Setup > Configuration > API keys. A key belongs to one group of stores; use your licence's demo group key only for testing.",
      ),
    ]),
  ],
  probe: restProbe({
    vendor: "Citrus-Lime",
    request: ({ apiKey }) => ({
      url: "https://cloudposapi.citruslime.com/api/Store",
      headers: { authorization: apiKey, accept: "application/json" },
      maxBytes: 32 * 1024,
    }),
    quirks: (res) =>
      res.status === 429
        ? {
            ...statusOutcome(res, "Citrus-Lime"),
            message: "Reached, but Citrus-Lime is rate-limiting this key (at most 1 request per second).",
          }
        : undefined,
    notTheApi: { api: "Citrus-Lime Cloud POS" },
    success: "Read the store list from the Citrus-Lime Cloud POS API.",
  }),
  hints: {
    invalid_credentials:
      "Citrus-Lime did not accept the API key. Check it under Setup > Configuration in Cloud POS, and that it was not deleted or regenerated.",
    forbidden:
      "The API key was recognised but may not read stores. Check the key's permissions under Setup > Configuration in Cloud POS.",
  },
};
