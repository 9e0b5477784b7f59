import { authType, secret, text } from "../kit/fields";
import { classifyResponse } from "@/lib/health/classify";
import { accessTokenOf, notATokenResponse, tokenRefusal } from "../kit/token-exchange";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Dynamics 365 Business Central API v2.0 with the client credentials flow. Sources:
 * learn.microsoft.com/entra/identity-platform/reference-error-codes and the Azure SDK
 * "troubleshooting authentication service principal" page (AADSTS7000215 invalid client secret,
 * AADSTS7000222 expired secret, AADSTS700016 application not found in the directory, AADSTS90002
 * tenant not found); previous-versions/azure/dn645548 (token endpoint errors are JSON with
 * `error`, `error_description` "AADSTSnnnn: ..." and `error_codes`); business-central
 * api-reference/v2.0/api/dynamics_company_get (GET .../api/v2.0/companies -> 200 {"value":[...]});
 * community.dynamics.com "Common api / authentication errors" (401 Authentication_InvalidCredentials
 * when the app has a token but is not set up in Business Central).
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCOPE = "https://api.businesscentral.dynamics.com/.default";

const AADSTS: Record<string, string> = {
  "7000215":
    "The client secret is wrong. Use the secret's Value (shown once when it is created under Certificates & secrets), not its Secret ID.",
  "7000222":
    "The client secret has expired. Create a new one under the app registration's Certificates & secrets and paste its Value here.",
  "700016":
    "No application with this client ID exists in this tenant. Check the Application (client) ID and the tenant ID; a multi-tenant app must first be consented to in the customer's tenant.",
  "90002":
    "The tenant was not found. Check the tenant ID (a GUID from the Microsoft Entra admin center's Overview page) or the tenant's primary domain.",
  "500011":
    "Business Central is not available in this tenant, or the app has not been granted admin consent for Dynamics 365 Business Central API permissions.",
};

const SETUP_HINT =
  "Microsoft issued a token, but Business Central did not accept the app. In Business Central open Microsoft Entra Applications, add this client ID, assign permission sets (e.g. D365 BASIC and the API permissions you need), Grant Consent and set State to Enabled. In Azure, the app needs the Dynamics 365 Business Central application permission API.ReadWrite.All with admin consent.";

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const { tenantId, environment, clientId, clientSecret } = credentials;
  const tokenRes = await http.request(
    `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
        scope: SCOPE,
      }).toString(),
      maxBytes: 32 * 1024,
    },
  );
  if (tokenRes.status < 200 || tokenRes.status >= 300) {
    const body = tokenRes.json<{ error?: unknown; error_description?: unknown; error_codes?: unknown }>();
    const fromText =
      typeof body?.error_description === "string" ? body.error_description.match(/AADSTS(\d{5,8})/)?.[1] : undefined;
    const code = fromText ?? (Array.isArray(body?.error_codes) ? String(body.error_codes[0]) : undefined);
    const known = code && AADSTS[code] ? code : undefined;
    return tokenRefusal(tokenRes, {
      message: `Microsoft Entra refused to issue a token${known ? ` (AADSTS${known})` : ""}.`,
      ...(known ? { hint: AADSTS[known] } : {}),
    });
  }
  const token = accessTokenOf(tokenRes);
  if (!token) return notATokenResponse(tokenRes);

  const res = await http.request(
    `https://api.businesscentral.dynamics.com/v2.0/${encodeURIComponent(tenantId)}/${encodeURIComponent(environment)}/api/v2.0/companies`,
    {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    },
  );
  if (res.status === 404) {
    return {
      ...classifyResponse(res),
      message: `Business Central has no environment called "${environment}" in this tenant (HTTP 404).`,
    };
  }
  if (res.status === 401)
    return {
      ...classifyResponse(res),
      message: "Business Central rejected the app's token (HTTP 401).",
      hint: SETUP_HINT,
    };
  if (res.status !== 200) return classifyResponse(res);
  const companies = res.json<{ value?: unknown }>()?.value;
  if (!Array.isArray(companies)) {
    return {
      status: "unreachable",
      reason: "unexpected_response",
      httpStatus: 200,
      message: "Business Central answered, but not with the list of companies we asked for.",
    };
  }
  return {
    status: "operational",
    reason: "ok",
    httpStatus: 200,
    message: `Connected to Business Central environment "${environment}" (${companies.length} ${companies.length === 1 ? "company" : "companies"}).`,
  };
}

export const businessCentral: SystemDef = {
  id: "business-central",
  name: "Business Central",
  category: "erp",
  authTypes: [
    authType("client-credentials", "Microsoft Entra app (client credentials)", [
      text(
        "tenantId",
        "Tenant ID",
        "Microsoft Entra admin center > Overview > Tenant ID (a GUID). The tenant's primary domain, e.g. contoso.onmicrosoft.com, also works.",
        {
          normalise: (v) => v.toLowerCase(),
          pattern: {
            regex: /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|([a-z0-9-]+\.)+[a-z]{2,})$/,
            message:
              "Enter the tenant ID (a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47) or the tenant's domain (contoso.onmicrosoft.com).",
          },
        },
      ),
      text(
        "environment",
        "Environment",
        "The environment's Name in the Business Central admin center > Environments, e.g. Production or Sandbox. It is also the part after the tenant in your Business Central web address.",
        {
          placeholder: "Production",
          pattern: {
            regex: /^[A-Za-z0-9_-]{1,30}$/,
            message:
              "Enter the environment name as shown in the Business Central admin center, e.g. Production (letters, numbers, - and _ only).",
          },
        },
      ),
      text(
        "clientId",
        "Client ID",
        "Azure portal > App registrations > your app > Overview > Application (client) ID.",
        {
          pattern: {
            regex: GUID,
            message: "The Application (client) ID is a GUID like 00001111-aaaa-2222-bbbb-3333cccc4444.",
          },
        },
      ),
      secret(
        "clientSecret",
        "Client secret",
        "App registrations > your app > Certificates & secrets > New client secret. Copy the Value (not the Secret ID): it is shown only once.",
      ),
    ]),
  ],
  probe,
  hints: {
    token_rejected:
      "Check the tenant ID, client ID and client secret (the secret's Value, not its ID, and not expired).",
    invalid_credentials: SETUP_HINT,
    forbidden:
      "The app is set up in Business Central but lacks permission: assign it permission sets on the Microsoft Entra Applications page.",
    not_found:
      "Check the environment name: it must match the Name in the Business Central admin center > Environments (e.g. Production or Sandbox).",
  },
};
