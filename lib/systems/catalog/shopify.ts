import { vendorText } from "@/lib/health/vendor-text";
import { classifyResponse } from "@/lib/health/classify";
import type { HttpResponse } from "@/lib/health/http";
import { basicAuth } from "../kit/http-probe";
import { authType, secret, text } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Shopify GraphQL Admin API. Sources: shopify.dev/docs/api/usage/response-codes (401 bad
 * credentials, 402 "shop is currently frozen... pay the outstanding balance", 403 missing scope,
 * 404 not found), shopify.dev changelog "locked stores will return a 423". `{ shop { name } }`
 * needs no access scope (docs/systems.md, Shopify), so any valid token gets 200.
 */
export const SHOPIFY_API_VERSION = "2025-07";

/** "https://My-Shop.myshopify.com/admin", "admin.shopify.com/store/my-shop" and "my-shop" all mean "my-shop". */
export function normaliseStore(value: string): string {
  const text = value.toLowerCase().replace(/^[a-z]+:\/\//, "");
  const admin = text.match(/^admin\.shopify\.com\/store\/([^/?#]+)/);
  if (admin) return admin[1];
  return text.replace(/[/?#].*$/, "").replace(/\.myshopify\.com\.?$/, "");
}

const store = text(
  "store",
  "Store",
  "Your store's myshopify.com name, e.g. my-shop for my-shop.myshopify.com. It is shown in the Shopify admin under Settings > Domains.",
  {
    placeholder: "my-shop",
    normalise: normaliseStore,
    pattern: {
      regex: /^[a-z0-9][a-z0-9-]{0,62}$/,
      message:
        "Enter the store's myshopify.com name, like my-shop or my-shop.myshopify.com. A custom domain such as www.example.com does not work here.",
    },
  },
);

type ShopBody = { data?: { shop?: { name?: string } }; errors?: { extensions?: { code?: string } }[] };
const shopName = (res: HttpResponse) => res.json<ShopBody>()?.data?.shop?.name;

function quirks(
  res: HttpResponse,
  { store }: Readonly<Record<string, string>>,
  { authType }: ProbeContext,
): ProbeOutcome | undefined {
  if (res.status === 402) {
    const hint =
      "The shop owner needs to sign in to the Shopify admin and pay the outstanding balance to unfreeze the shop.";
    return {
      status: "auth_failed",
      reason: "account_inactive",
      httpStatus: 402,
      message: "The shop is frozen (HTTP 402 Payment Required).",
      hint,
    };
  }
  if (res.status === 423) {
    const hint = "Shopify has locked this shop. The shop owner needs to contact Shopify Support to unlock it.";
    return {
      status: "auth_failed",
      reason: "account_inactive",
      httpStatus: 423,
      message: "The shop is locked (HTTP 423 Locked).",
      hint,
    };
  }
  if (res.status === 404)
    return { ...classifyResponse(res), message: `No shop called "${store}" was found on Shopify (HTTP 404).` };
  if (res.status === 401 && authType === "legacy") {
    const hint =
      "Check the private app's API key and password (Apps > Manage private apps). Private apps were retired: if this one was converted, use an Admin API access token instead.";
    return { ...classifyResponse(res), hint };
  }
  // A GraphQL refusal comes as a 200 with errors.
  const errors = res.status === 200 && !shopName(res) ? res.json<ShopBody>()?.errors : undefined;
  if (Array.isArray(errors) && errors.some((e) => e.extensions?.code === "ACCESS_DENIED"))
    return { status: "auth_failed", reason: "forbidden", httpStatus: 200 };
  return undefined;
}

export const shopify: SystemDef = {
  id: "shopify",
  name: "Shopify / Shopify Plus",
  category: "ecommerce",
  authTypes: [
    authType("token", "Admin API access token", [
      store,
      secret(
        "accessToken",
        "Admin API access token",
        "In the Shopify admin: Settings > Apps and sales channels > Develop apps > your app > API credentials. The token starts with shpat_ and is revealed only once.",
      ),
    ]),
    authType("legacy", "Private app (legacy)", [
      store,
      secret("apiKey", "API key", "In the Shopify admin: Apps > Manage private apps > your app > Admin API > API key."),
      secret("password", "Password", "On the same private app page: Admin API > Password."),
      secret(
        "sharedSecret",
        "Shared secret",
        "On the same private app page: Admin API > Shared secret. Used to verify webhooks, not for this check.",
        {
          required: false,
        },
      ),
    ]),
  ],
  probe: restProbe({
    vendor: "Shopify",
    request: ({ store, apiKey, password, accessToken }, { authType }) => ({
      url: `https://${store}.myshopify.com/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...(authType === "legacy"
          ? { authorization: basicAuth(apiKey, password) }
          : { "x-shopify-access-token": accessToken }),
      },
      body: JSON.stringify({ query: "{ shop { name } }" }),
    }),
    quirks,
    refusal: "generic",
    expect: (res) => !!shopName(res),
    notTheApi: { message: "Shopify answered, but not with the shop details we asked for." },
    success: (res) => `Connected to the Shopify store "${vendorText(shopName(res), 100)}".`,
  }),
  hints: {
    invalid_credentials:
      "Check the Admin API access token (it starts with shpat_). Uninstalling or reinstalling the app issues a new token, so copy the current one from the app's API credentials.",
    forbidden:
      "The app is missing an access scope: add it under the app's Configuration > Admin API integration, then reinstall the app.",
    not_found: "Check the store name: it is the myshopify.com name (Settings > Domains), not a custom domain.",
  },
};
