import { authType, secret, text } from "../kit/fields";
import { vendorText } from "@/lib/health/vendor-text";
import { classifyResponse } from "@/lib/health/classify";
import { trimTrailingSlashes } from "../kit/normalise";
import { accessTokenOf, notATokenResponse, safeCode, tokenRefusal } from "../kit/token-exchange";
import type { CredentialField, ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * commercetools Composable Commerce, client credentials flow. Sources: docs.commercetools.com
 * api/authorization (POST {authUrl}/oauth/token, HTTP Basic clientId:clientSecret, form
 * grant_type=client_credentials&scope=...; a token without `scope` gets all of the API Client's
 * scopes), learning-developer-essentials/authentication-authorization (API Clients grant tokens
 * from https://auth.{region}.commercetools.com for https://api.{region}.commercetools.com), api/
 * projects/project (GET /{projectKey} needs view_project_settings or manage_project). Error bodies
 * follow RFC 6749 §5.2 with commercetools' envelope: {"statusCode":401,"message":"...","errors":
 * [{"code":"invalid_client",...}],"error":"invalid_client"}; invalid_scope is a 400 and a missing
 * scope on the API a 403 insufficient_scope (from client code and SDK fixtures, not a doc page).
 */

/** "https://auth.europe-west1.gcp.commercetools.com/oauth/token/" -> "https://auth.europe-west1.gcp.commercetools.com". */
export function normaliseRegionUrl(value: string): string {
  return trimTrailingSlashes(trimTrailingSlashes(value).replace(/\/oauth\/token$/i, ""));
}

const regionUrl = (key: string, label: string, kind: "api" | "auth"): CredentialField => ({
  key,
  label,
  help: `Shown with the API Client's credentials in the Merchant Center (Settings > Developer settings > Create new API client) as ${kind === "api" ? "API URL" : "Auth URL"}, e.g. https://${kind}.europe-west1.gcp.commercetools.com.`,
  secret: false,
  kind: "url",
  placeholder: `https://${kind}.europe-west1.gcp.commercetools.com`,
  normalise: normaliseRegionUrl,
  pattern: {
    regex: /^https:\/\/[^/?#\s]+(\/[^?#\s]*)?$/,
    message: `${label} must start with https://, like https://${kind}.europe-west1.gcp.commercetools.com.`,
  },
});

type CtError = { error?: unknown; errors?: { code?: unknown }[]; key?: unknown; name?: unknown };
const errorCode = (body: CtError | undefined) => safeCode(body?.error) ?? safeCode(body?.errors?.[0]?.code);

const TOKEN_HINTS: Record<string, string> = {
  invalid_client:
    "Check the client ID and client secret: they belong to one API Client, and the secret is shown only when the client is created. A deleted API Client stops working at once.",
  invalid_scope:
    "The scope asks for more than the API Client was granted, or names another project. Copy the scope shown with the API Client's credentials, or leave it blank to get all of the client's scopes.",
};

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const { projectKey, clientId, clientSecret, scope, apiUrl, authUrl } = credentials;
  const form = new URLSearchParams({ grant_type: "client_credentials", ...(scope ? { scope } : {}) });
  const tokenRes = await http.request(`${authUrl}/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body: form.toString(),
    maxBytes: 32 * 1024,
  });
  if (tokenRes.status < 200 || tokenRes.status >= 300) {
    const code = errorCode(tokenRes.json<CtError>());
    return tokenRefusal(tokenRes, {
      message: `commercetools refused to issue a token${code ? ` (${vendorText(code, 60)})` : ""}.`,
      ...(code && TOKEN_HINTS[code] ? { hint: TOKEN_HINTS[code] } : {}),
    });
  }
  const token = accessTokenOf(tokenRes);
  if (!token) return notATokenResponse(tokenRes);

  const res = await http.request(`${apiUrl}/${encodeURIComponent(projectKey)}`, {
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    maxBytes: 64 * 1024,
  });
  if (res.status === 404)
    return {
      ...classifyResponse(res),
      message: `No project "${projectKey}" was found at ${new URL(apiUrl).host} (HTTP 404).`,
    };
  if (res.status === 403 && errorCode(res.json<CtError>()) === "insufficient_scope") {
    return {
      status: "auth_failed",
      reason: "forbidden",
      httpStatus: 403,
      message: "The token was issued, but its scopes do not allow reading the project.",
      hint: `Add view_project_settings:${projectKey} (or manage_project:${projectKey}) to the API Client and to the scope field, or leave the scope blank.`,
    };
  }
  if (res.status !== 200) return classifyResponse(res);
  const project = res.json<CtError>();
  if (project?.key !== projectKey) {
    return {
      status: "unreachable",
      reason: "unexpected_response",
      httpStatus: 200,
      message: "The API URL answered, but not with this project's details (is it the commercetools API URL?).",
    };
  }
  const name = typeof project.name === "string" ? vendorText(project.name, 100) : projectKey;
  return {
    status: "operational",
    reason: "ok",
    httpStatus: 200,
    message: `Connected to the commercetools project "${name}".`,
  };
}

export const commercetools: SystemDef = {
  id: "commercetools",
  name: "CommerceTools",
  category: "ecommerce",
  authTypes: [
    authType("client-credentials", "API Client (client credentials)", [
      text(
        "projectKey",
        "Project key",
        "Shown as project_key with the API Client's credentials, and in the Merchant Center under Settings > Project settings.",
        {
          pattern: {
            regex: /^[a-z0-9_-]{2,36}$/,
            message: "The project key is 2 to 36 lower-case letters, digits, - or _, e.g. my-shop-prod.",
          },
        },
      ),
      text(
        "clientId",
        "Client ID",
        "Shown as client_id when you create the API Client in the Merchant Center (Settings > Developer settings).",
      ),
      secret(
        "clientSecret",
        "Client secret",
        "Shown as secret when you create the API Client: it is displayed only once.",
      ),
      text(
        "scope",
        "Scope",
        "Shown as scope with the API Client's credentials, e.g. manage_project:my-shop-prod. Leave blank to use all of the client's scopes.",
        {
          required: false,
          normalise: (v) => v.split(/\s+/).filter(Boolean).join(" "),
          pattern: {
            regex: /^[a-z_]+(:[a-z0-9_:-]+)?( [a-z_]+(:[a-z0-9_:-]+)?)*$/,
            message: "Scopes look like manage_project:my-shop-prod, separated by spaces.",
          },
        },
      ),
      regionUrl("apiUrl", "API URL", "api"),
      regionUrl("authUrl", "Auth URL", "auth"),
    ]),
  ],
  probe,
  hints: {
    token_rejected: "Check the client ID, client secret and scope, and that the Auth URL is in the project's region.",
    invalid_credentials:
      "The API refused a freshly issued token: the API URL and Auth URL must be in the same region as the project.",
    not_found:
      "Check the project key, and that the API URL is in the project's region (e.g. europe-west1.gcp vs us-central1.gcp).",
  },
};
