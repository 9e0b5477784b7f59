import { vendorText } from "@/lib/health/vendor-text";
import { classifyResponse } from "@/lib/health/classify";
import { trimTrailingSlashes } from "../kit/normalise";
import { authType, secret, url } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Magento 2 / Adobe Commerce REST. Sources: developer.adobe.com/commerce/webapi/get-started/
 * authentication/gs-authentication-token (since 2.4.4 integration tokens are not standalone Bearer
 * tokens unless "Allow OAuth Access Tokens to be used as standalone Bearer tokens" is Yes; admin
 * tokens last 4 h), magento/magento2#27402 (401 `{"message":"The consumer isn't authorized to
 * access %resources.","parameters":{"resources":"..."}}`). /V1/store/storeConfigs is anonymous
 * when guest API access is allowed, so an invalid token could pass; /V1/customerGroups/default
 * needs Magento_Customer::group, so a 200 proves the token.
 */
export const MAGENTO_PROBE_PATH = "/rest/V1/customerGroups/default";

/** "https://shop.example.com/rest/V1/" -> "https://shop.example.com": users often paste the API URL. */
export function normaliseBaseUrl(value: string): string {
  return trimTrailingSlashes(trimTrailingSlashes(value).replace(/\/rest(\/(all|default|V1))*$/i, ""));
}

const TOKEN_HINT =
  'Check the access token. Integration tokens on Magento 2.4.4 or later are refused as Bearer tokens unless Stores > Configuration > Services > OAuth > Consumer Settings > "Allow OAuth Access Tokens to be used as standalone Bearer tokens" is Yes. Admin tokens expire after 4 hours.';

export const magento2: SystemDef = {
  id: "magento2",
  name: "Magento 2 / Adobe Commerce",
  category: "ecommerce",
  authTypes: [
    authType("token", "Access token", [
      url(
        "baseUrl",
        "Store URL",
        "The address of your Magento store, e.g. https://shop.example.com (we add /rest/V1/...). Include /index.php if your REST URLs need it.",
        { placeholder: "https://shop.example.com", normalise: normaliseBaseUrl },
      ),
      secret(
        "accessToken",
        "Access token",
        "In the Magento admin: System > Extensions > Integrations > your integration > Integration Details > Access Token (activate the integration first).",
      ),
    ]),
  ],
  probe: restProbe({
    vendor: "Magento",
    request: ({ baseUrl, accessToken }) => ({
      url: `${baseUrl}${MAGENTO_PROBE_PATH}`,
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
    }),
    quirks: (res) => {
      if (res.status !== 401) return undefined;
      // Magento answers 401 both for a bad token and for a good one lacking the ACL resource: say both.
      const resources = res.json<{ parameters?: { resources?: unknown } }>()?.parameters?.resources;
      const named = vendorText(
        typeof resources === "string" && /^[\w:, ]{1,200}$/.test(resources) ? resources : "Magento_Customer::group",
        200,
      );
      return {
        ...classifyResponse(res),
        message: `Magento refused the token for ${named} (HTTP 401).`,
        hint: `${TOKEN_HINT} If the token is right, give the integration or admin role access to ${named}.`,
      };
    },
    refusal: "generic",
    expect: (res) => {
      const group = res.json<{ id?: unknown }>();
      return !!group && typeof group === "object" && "id" in group;
    },
    notTheApi: {
      message:
        "The address answered, but not like the Magento REST API (is it the store's storefront or a login page?).",
    },
  }),
  hints: {
    invalid_credentials: TOKEN_HINT,
    not_found:
      "Nothing answered at /rest/V1 under this URL: check the store URL (some servers need /index.php appended).",
  },
};
