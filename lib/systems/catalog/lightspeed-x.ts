import { subdomainOf } from "../kit/normalise";
import { vendorText } from "@/lib/health/vendor-text";
import { classifyResponse } from "@/lib/health/classify";
import type { HttpResponse } from "@/lib/health/http";
import { authType, secret, text } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { AuthTypeDef, SystemDef } from "@/lib/health/contract";

/**
 * Used by `vend` (catalog/vend.ts) and `lightspeed-x`: Vend became Lightspeed Retail (X-Series), same API (docs/systems.md,
 * Lightspeed X-Series). Sources: x-series-api.lightspeedhq.com/docs (quick start: personal tokens under Setup >
 * Personal tokens, or add-on OAuth tokens; `Authorization: Bearer`; base
 * https://{domain_prefix}.retail.lightspeed.app/api/2.0, legacy {domain_prefix}.vendhq.com), "get information about
 * this retailer" GET /api/2.0/retailer -> { data: { id, domain_prefix, ... } } (generated SDKs and public clients);
 * 401 with { error, message } envelope. Personal tokens can carry an expiry date chosen at creation.
 */
export const X_SERIES_PROBE_PATH = "/api/2.0/retailer";

const retailerOf = (res: HttpResponse) => res.json<{ data?: { id?: unknown; name?: unknown } }>()?.data;

/** "https://Shop.vendhq.com/", "shop.retail.lightspeed.app" and "shop" all mean "shop". */
export const normaliseDomainPrefix = (value: string): string =>
  subdomainOf(value, /\.(retail\.lightspeed\.app|vendhq\.com)\.?$/);

export function xSeriesAuthTypes(product: string): AuthTypeDef[] {
  return [
    authType("token", "Personal token", [
      text(
        "domainPrefix",
        "Domain prefix",
        `The first part of the address you use to open ${product}, e.g. mystore for https://mystore.retail.lightspeed.app (or the older mystore.vendhq.com). You can paste the whole address.`,
        {
          placeholder: "mystore",
          normalise: normaliseDomainPrefix,
          pattern: {
            regex: /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
            message: "Enter the domain prefix, like mystore or mystore.retail.lightspeed.app.",
          },
        },
      ),
      secret(
        "accessToken",
        "Access token",
        `In ${product}: Setup > Personal tokens > Generate personal token (the token is shown once), or the access token of your add-on.`,
      ),
    ]),
  ];
}

const probe = restProbe({
  vendor: "Lightspeed X-Series",
  request: ({ domainPrefix, accessToken }) => ({
    url: `https://${domainPrefix}.retail.lightspeed.app${X_SERIES_PROBE_PATH}`,
    headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
    maxBytes: 64 * 1024,
  }),
  quirks: (res, { domainPrefix }) =>
    res.status === 404
      ? {
          ...classifyResponse(res),
          message: `No store called "${domainPrefix}" answered the Lightspeed X-Series API (HTTP 404).`,
        }
      : undefined,
  refusal: "generic",
  expect: (res) => typeof retailerOf(res)?.id === "string",
  notTheApi: { message: "The address answered, but not with the retailer details of the X-Series API." },
  success: (res, { domainPrefix }) => {
    const name = retailerOf(res)?.name;
    return `Connected to the store "${(typeof name === "string" && vendorText(name, 100)) || domainPrefix}".`;
  },
});

/** One system definition per catalogue entry (lightspeed-x, vend); everything but the id and name is shared. */
export function xSeriesSystem(id: string, name: string, product: string): SystemDef {
  return {
    id,
    name,
    category: "pos",
    authTypes: xSeriesAuthTypes(product),
    probe,
    hints: {
      invalid_credentials: `Check the access token: personal tokens can expire (the expiry is set when generating them) or be deleted under Setup > Personal tokens in ${product}. Add-on tokens expire after a day and must be refreshed.`,
      forbidden:
        "The token was accepted but lacks access to the retailer details: check the add-on's scopes or generate a new personal token.",
      not_found:
        "Check the domain prefix: it is the first part of your store's address, before .retail.lightspeed.app or .vendhq.com.",
      dns_error:
        "Check the domain prefix: it is the first part of your store's address, before .retail.lightspeed.app or .vendhq.com.",
    },
  };
}

/** Lightspeed Retail (X-Series), formerly Vend. */
export const lightspeedX = xSeriesSystem("lightspeed-x", "Lightspeed Retail X-Series", "Lightspeed Retail (X-Series)");
