import { vendorText } from "@/lib/health/vendor-text";
import { classifyResponse } from "@/lib/health/classify";
import type { CredentialField, ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Shopify GraphQL Admin API. Sources: shopify.dev/docs/api/usage/response-codes (401 bad
 * credentials, 402 "shop is currently frozen... pay the outstanding balance", 403 missing scope,
 * 404 not found), shopify.dev changelog "locked stores will return a 423". `{ shop { name } }`
 * needs no access scope (systems.md), so any valid token gets 200.
 */
export const SHOPIFY_API_VERSION = "2025-07";

/** "https://My-Shop.myshopify.com/admin", "admin.shopify.com/store/my-shop" and "my-shop" all mean "my-shop". */
export function normaliseStore(value: string): string {
  const text = value.toLowerCase().replace(/^[a-z]+:\/\//, "");
  const admin = text.match(/^admin\.shopify\.com\/store\/([^/?#]+)/);
  if (admin) return admin[1];
  return text.replace(/[/?#].*$/, "").replace(/\.myshopify\.com\.?$/, "");
}

const store: CredentialField = {
  key: "store",
  label: "Store",
  help: "Your store's myshopify.com name, e.g. my-shop for my-shop.myshopify.com. It is shown in the Shopify admin under Settings > Domains.",
  secret: false,
  kind: "text",
  placeholder: "my-shop",
  normalise: normaliseStore,
  pattern: {
    regex: /^[a-z0-9][a-z0-9-]{0,62}$/,
    message: "Enter the store's myshopify.com name, like my-shop or my-shop.myshopify.com. A custom domain such as www.example.com does not work here.",
  },
};

const secret = (key: string, label: string, help: string, required = true): CredentialField => ({ key, label, help, secret: true, kind: "password", required });

async function probe({ authType, credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (authType === "legacy") {
    headers.authorization = `Basic ${Buffer.from(`${credentials.apiKey}:${credentials.password}`).toString("base64")}`;
  } else {
    headers["x-shopify-access-token"] = credentials.accessToken;
  }
  const url = `https://${credentials.store}.myshopify.com/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
  const res = await http.request(url, { method: "POST", headers, body: JSON.stringify({ query: "{ shop { name } }" }) });

  if (res.status === 402) {
    return { status: "auth_failed", reason: "account_inactive", httpStatus: 402, message: "The shop is frozen (HTTP 402 Payment Required).", hint: "The shop owner needs to sign in to the Shopify admin and pay the outstanding balance to unfreeze the shop." };
  }
  if (res.status === 423) {
    return { status: "auth_failed", reason: "account_inactive", httpStatus: 423, message: "The shop is locked (HTTP 423 Locked).", hint: "Shopify has locked this shop. The shop owner needs to contact Shopify Support to unlock it." };
  }
  if (res.status === 404) return { ...classifyResponse(res), message: `No shop called "${credentials.store}" was found on Shopify (HTTP 404).` };
  if (res.status === 401 && authType === "legacy") {
    return { ...classifyResponse(res), hint: "Check the private app's API key and password (Apps > Manage private apps). Private apps were retired: if this one was converted, use an Admin API access token instead." };
  }
  if (res.status !== 200) return classifyResponse(res);

  const body = res.json<{ data?: { shop?: { name?: string } }; errors?: { extensions?: { code?: string } }[] }>();
  if (body?.data?.shop?.name) return { status: "operational", reason: "ok", httpStatus: 200, message: `Connected to the Shopify store "${vendorText(body.data.shop.name, 100)}".` };
  if (Array.isArray(body?.errors) && body.errors.some((e) => e.extensions?.code === "ACCESS_DENIED")) return { status: "auth_failed", reason: "forbidden", httpStatus: 200 };
  return { status: "unreachable", reason: "unexpected_response", httpStatus: 200, message: "Shopify answered, but not with the shop details we asked for." };
}

export const shopify: SystemDef = {
  id: "shopify",
  name: "Shopify / Shopify Plus",
  category: "ecommerce",
  authTypes: [
    {
      id: "token",
      label: "Admin API access token",
      fields: [
        store,
        secret("accessToken", "Admin API access token", "In the Shopify admin: Settings > Apps and sales channels > Develop apps > your app > API credentials. The token starts with shpat_ and is revealed only once."),
      ],
    },
    {
      id: "legacy",
      label: "Private app (legacy)",
      fields: [
        store,
        secret("apiKey", "API key", "In the Shopify admin: Apps > Manage private apps > your app > Admin API > API key."),
        secret("password", "Password", "On the same private app page: Admin API > Password."),
        secret("sharedSecret", "Shared secret", "On the same private app page: Admin API > Shared secret. Used to verify webhooks, not for this check.", false),
      ],
    },
  ],
  probe,
  hints: {
    invalid_credentials: "Check the Admin API access token (it starts with shpat_). Uninstalling or reinstalling the app issues a new token, so copy the current one from the app's API credentials.",
    forbidden: "The app is missing an access scope: add it under the app's Configuration > Admin API integration, then reinstall the app.",
    not_found: "Check the store name: it is the myshopify.com name (Settings > Domains), not a custom domain.",
  },
};
