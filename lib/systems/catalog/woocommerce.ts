import { classifyResponse } from "@/lib/health/classify";
import { trimTrailingSlashes } from "../normalise";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * WooCommerce REST API v3, HTTP Basic consumer key:secret (only accepted over HTTPS). Sources:
 * WooCommerce core auth tests (`woocommerce_rest_authentication_error` "Consumer key is invalid."
 * / "Consumer secret is invalid."), REST controller permission checks and
 * woocommerce/woocommerce#17271, #14918 (`woocommerce_rest_cannot_view` 401 = no credentials
 * reached WordPress: the server stripped the Authorization header; 403 = user lacks the right).
 */
async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const basic = Buffer.from(`${credentials.consumerKey}:${credentials.consumerSecret}`).toString("base64");
  const res = await http.request(`${credentials.siteUrl}/wp-json/wc/v3/orders?per_page=1`, {
    headers: { authorization: `Basic ${basic}`, accept: "application/json" },
  });
  const code = res.status === 401 || res.status === 403 ? res.json<{ code?: string }>()?.code : undefined;
  if (code === "woocommerce_rest_cannot_view" && res.status === 401) {
    return {
      status: "auth_failed",
      reason: "header_stripped",
      httpStatus: 401,
      message: "WooCommerce saw the request without any credentials (woocommerce_rest_cannot_view).",
      hint: "The web server or a proxy/security plugin is removing the Authorization header before WordPress sees it (common with Apache CGI/FastCGI). Ask your host to pass it through (e.g. `SetEnvIf Authorization \"(.*)\" HTTP_AUTHORIZATION=$1` in .htaccess), and check the site URL is the https:// address.",
    };
  }
  if (code === "woocommerce_rest_cannot_view") {
    return { ...classifyResponse(res), hint: "The keys work, but their WordPress user may not read orders. Create the keys for an Administrator or Shop Manager with Read (or Read/Write) permission." };
  }
  if (res.status !== 200) return classifyResponse(res);
  if (!Array.isArray(res.json())) {
    return { status: "unreachable", reason: "unexpected_response", httpStatus: 200, message: "The site answered, but not like the WooCommerce REST API (is it a maintenance or login page?)." };
  }
  return { status: "operational", reason: "ok", httpStatus: 200 };
}

export const woocommerce: SystemDef = {
  id: "woocommerce",
  name: "WooCommerce",
  category: "ecommerce",
  authTypes: [
    {
      id: "keys",
      label: "REST API keys",
      fields: [
        {
          key: "siteUrl",
          label: "Site URL",
          help: "Your WordPress site's address, as in Settings > General > Site Address (URL), e.g. https://shop.example.com.",
          secret: false,
          kind: "url",
          placeholder: "https://shop.example.com",
          normalise: trimTrailingSlashes,
          pattern: { regex: /^https:\/\//i, message: "The site URL must start with https://: WooCommerce only accepts API keys sent this way over HTTPS." },
        },
        {
          key: "consumerKey",
          label: "Consumer key",
          help: "In WordPress: WooCommerce > Settings > Advanced > REST API > Add key. Copy the Consumer key (starts with ck_) before leaving the page.",
          secret: true,
          kind: "password",
          pattern: { regex: /^ck_[A-Za-z0-9]+$/, message: "A consumer key starts with ck_ followed by letters and digits." },
        },
        {
          key: "consumerSecret",
          label: "Consumer secret",
          help: "Shown next to the consumer key when the key is created (starts with cs_); WooCommerce never shows it again.",
          secret: true,
          kind: "password",
          pattern: { regex: /^cs_[A-Za-z0-9]+$/, message: "A consumer secret starts with cs_ followed by letters and digits." },
        },
      ],
    },
  ],
  probe,
  hints: {
    invalid_credentials: "WooCommerce did not accept the consumer key or secret. Check both (they start with ck_ and cs_), and that the key was not revoked under WooCommerce > Settings > Advanced > REST API.",
    not_found: "No WooCommerce REST API at /wp-json/wc/v3 on this site: check the site URL, that WooCommerce is active, and that permalinks are not set to Plain.",
  },
};
