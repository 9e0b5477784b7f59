import { vendorText } from "@/lib/health/vendor-text";
import { apiKey, authType } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Veeqo REST API (docs/systems.md, Veeqo): header `x-api-key` and `GET /current_company` as the smoke test; a bad key
 * gets 401 `{"error_messages":"You're not authorized"}`; the leaky-bucket limit is answered with 429.
 */
export const veeqo: SystemDef = {
  id: "veeqo",
  name: "Veeqo",
  category: "wms",
  authTypes: [
    authType("api-key", "API key", [
      apiKey(
        "In Veeqo: Settings > Users > select your user > Refresh API Key. Each user has their own key; if the option is missing, ask Veeqo support to enable API access.",
      ),
    ]),
  ],
  probe: restProbe({
    vendor: "Veeqo",
    request: ({ apiKey }) => ({
      url: "https://api.veeqo.com/current_company",
      headers: { "x-api-key": apiKey, accept: "application/json" },
    }),
    refusal: "generic",
    expect: "object",
    notTheApi: { message: "Veeqo answered, but not with company details." },
    success: (res) => {
      const name = res.json<{ name?: string }>()?.name;
      return name ? `Connected to the Veeqo company "${vendorText(name, 100)}".` : undefined;
    },
  }),
  hints: {
    invalid_credentials:
      "Veeqo did not recognise the API key. Keys are per user: check the user still exists and copy the key again (refreshing it replaces the old one).",
  },
};
