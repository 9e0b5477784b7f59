import { subdomainOf } from "../kit/normalise";
import { looksLikeHtml } from "../kit/http-probe";
import { apiKey, authType, text } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Voyado Engage API. Sources (docs/systems.md, Voyado): developer.voyado.com "API authentication"
 * (header `apikey`; a User-Agent is mandatory and Content-Type: application/json is mandatory,
 * else 500 "An error has occurred"; the example call is GET /api/v2/contacts/count, answering a
 * bare number); voyado.mintlify.app (base https://{tenant}.voyado.com, staging
 * https://{tenant}.staging.voyado.com; server-side use only); help.engage.voyado.com "API
 * connections" (keys per integration, optionally limited to an IP allow-list: a blocked IP looks
 * like a rejected key, hence the hint). GUESS: the exact status for a bad key (401 or 403).
 */
export const normaliseTenant = (value: string): string => subdomainOf(value, /\.voyado\.com\.?$/);

const KEY_HINT =
  "Check the API key in Voyado (Administration > API connections), and the tenant name. If the key is limited to an IP allow-list, add our servers' outgoing addresses to it: a blocked address is refused like a wrong key.";

export const voyado: SystemDef = {
  id: "voyado",
  name: "Voyado",
  category: "marketing",
  authTypes: [
    authType("api-key", "API key", [
      text(
        "tenant",
        "Tenant",
        "Your Voyado tenant: the first part of your Voyado address, e.g. acme for https://acme.voyado.com (acme.staging for the staging environment). You can paste the address.",
        {
          placeholder: "acme",
          normalise: normaliseTenant,
          pattern: {
            regex: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.staging)?$/,
            message: "Enter the tenant name only, like acme (or acme.staging), not a full URL path.",
          },
        },
      ),
      apiKey(
        "In Voyado Engage: Administration > API connections > create or open the integration's API key. Keys can be limited to an IP allow-list.",
      ),
    ]),
  ],
  probe: restProbe({
    vendor: "Voyado",
    request: ({ tenant, apiKey }) => ({
      url: `https://${tenant}.voyado.com/api/v2/contacts/count`,
      headers: {
        apikey: apiKey,
        "content-type": "application/json",
        accept: "application/json",
        "user-agent": "Patchbay-HealthCheck/1.0",
      },
      maxBytes: 4 * 1024,
    }),
    expect: (res) => typeof res.json() === "number" && !looksLikeHtml(res),
    notTheApi: { api: "Voyado Engage", detail: "no contact count" },
    success: (_res, { tenant }) => `Connected to Voyado tenant "${tenant}".`,
  }),
  hints: {
    invalid_credentials: KEY_HINT,
    forbidden: KEY_HINT,
    dns_error: "Check the tenant name: Voyado answers at https://{tenant}.voyado.com.",
    not_found: "Check the tenant name: no Voyado API answered at this tenant's address.",
  },
};
