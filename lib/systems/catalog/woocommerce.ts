import { classifyResponse } from "@/lib/health/classify";
import { trimTrailingSlashes } from "../kit/normalise";
import type { HttpResponse } from "@/lib/health/http";
import { basicAuth } from "../kit/http-probe";
import { authType, httpsOnly, secret, url } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * WooCommerce REST API v3, HTTP Basic consumer key:secret (only accepted over HTTPS). Sources:
 * WooCommerce core auth tests (`woocommerce_rest_authentication_error` "Consumer key is invalid."
 * / "Consumer secret is invalid."), REST controller permission checks and
 * woocommerce/woocommerce#17271, #14918 (`woocommerce_rest_cannot_view` 401 = no credentials
 * reached WordPress: the server stripped the Authorization header; 403 = user lacks the right).
 */
const cannotView = (res: HttpResponse) =>
  (res.status === 401 || res.status === 403) && res.json<{ code?: string }>()?.code === "woocommerce_rest_cannot_view";

export const woocommerce: SystemDef = {
  id: "woocommerce",
  name: "WooCommerce",
  category: "ecommerce",
  authTypes: [
    authType("keys", "REST API keys", [
      url(
        "siteUrl",
        "Site URL",
        "Your WordPress site's address, as in Settings > General > Site Address (URL), e.g. https://shop.example.com.",
        {
          placeholder: "https://shop.example.com",
          normalise: trimTrailingSlashes,
          pattern: httpsOnly(
            "The site URL must start with https://: WooCommerce only accepts API keys sent this way over HTTPS.",
          ),
        },
      ),
      secret(
        "consumerKey",
        "Consumer key",
        "In WordPress: WooCommerce > Settings > Advanced > REST API > Add key. Copy the Consumer key (starts with ck_) before leaving the page.",
        {
          pattern: {
            regex: /^ck_[A-Za-z0-9]+$/,
            message: "A consumer key starts with ck_ followed by letters and digits.",
          },
        },
      ),
      secret(
        "consumerSecret",
        "Consumer secret",
        "Shown next to the consumer key when the key is created (starts with cs_); WooCommerce never shows it again.",
        {
          pattern: {
            regex: /^cs_[A-Za-z0-9]+$/,
            message: "A consumer secret starts with cs_ followed by letters and digits.",
          },
        },
      ),
    ]),
  ],
  probe: restProbe({
    vendor: "WooCommerce",
    request: ({ siteUrl, consumerKey, consumerSecret }) => ({
      url: `${siteUrl}/wp-json/wc/v3/orders?per_page=1`,
      headers: { authorization: basicAuth(consumerKey, consumerSecret), accept: "application/json" },
    }),
    quirks: (res) => {
      if (!cannotView(res)) return undefined;
      if (res.status === 403) {
        const hint =
          "The keys work, but their WordPress user may not read orders. Create the keys for an Administrator or Shop Manager with Read (or Read/Write) permission.";
        return { ...classifyResponse(res), hint };
      }
      return {
        status: "auth_failed",
        reason: "header_stripped",
        httpStatus: 401,
        message: "WooCommerce saw the request without any credentials (woocommerce_rest_cannot_view).",
        hint: 'The web server or a proxy/security plugin is removing the Authorization header before WordPress sees it (common with Apache CGI/FastCGI). Ask your host to pass it through (e.g. `SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1` in .htaccess), and check the site URL is the https:// address.',
      };
    },
    refusal: "generic",
    expect: (res) => Array.isArray(res.json()),
    notTheApi: {
      message: "The site answered, but not like the WooCommerce REST API (is it a maintenance or login page?).",
    },
  }),
  hints: {
    invalid_credentials:
      "WooCommerce did not accept the consumer key or secret. Check both (they start with ck_ and cs_), and that the key was not revoked under WooCommerce > Settings > Advanced > REST API.",
    not_found:
      "No WooCommerce REST API at /wp-json/wc/v3 on this site: check the site URL, that WooCommerce is active, and that permalinks are not set to Plain.",
  },
};
