import { vendorText } from "../kit/http-probe";
import { authType, secret, select } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Global-e merchant API. Sources (docs/systems.md, Global-e): docs.global-e.com "Global-e Environments"
 * (integration connect.bglobale.com, staging connect2.bglobale.com, production api.global-e.com);
 * "MerchantGUID Authentication" (send the GUID in the MerchantGUID header, never in the path);
 * "General API Reference" (every call must carry the merchantGUID; invalid or missing -> HTTP 401;
 * POST by default with content-type application/json; failures return an ErrorInfo object with
 * code, message and description); "AppVersion" (https://{server}/Browsing/AppVersion returns the
 * API and client-side versions: the smallest merchant call). GUESS: that AppVersion enforces the
 * GUID like every other call: the general rule says so, no example shows it.
 */
export const GLOBAL_E_HOSTS: Record<string, string> = {
  integration: "connect.bglobale.com",
  staging: "connect2.bglobale.com",
  production: "api.global-e.com",
};

type ErrorInfo = { Code?: unknown; Error?: unknown; Message?: unknown; Description?: unknown };

export const globalE: SystemDef = {
  id: "global-e",
  name: "Global-e",
  category: "ecommerce",
  authTypes: [
    authType("merchant-guid", "Merchant GUID", [
      select(
        "environment",
        "Environment",
        "The Global-e environment this GUID belongs to: Integration and Staging GUIDs are for development and testing, Production for the live site. A GUID only works in its own environment.",
        [
          ["integration", "Integration (connect.bglobale.com)"],
          ["staging", "Staging (connect2.bglobale.com)"],
          ["production", "Production (api.global-e.com)"],
        ],
        { defaultValue: "production", normalise: (v) => v.toLowerCase() },
      ),
      secret(
        "merchantGuid",
        "Merchant GUID",
        "The merchantGUID Global-e gave you for this environment, like D2ED2A7F-F6ED-4CCB-B611-B44AC8D02250. Ask your Global-e onboarding or account manager if you do not have it.",
        {
          normalise: (v) => v.replace(/^\{|\}$/g, ""),
          pattern: {
            regex: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
            message: "A merchant GUID looks like D2ED2A7F-F6ED-4CCB-B611-B44AC8D02250.",
          },
        },
      ),
    ]),
  ],
  probe: restProbe({
    vendor: "Global-e",
    request: ({ environment, merchantGuid }) => ({
      url: `https://${GLOBAL_E_HOSTS[environment]}/Browsing/AppVersion`,
      method: "POST",
      headers: { merchantguid: merchantGuid, "content-type": "application/json", accept: "application/json" },
      body: "{}",
      maxBytes: 16 * 1024,
    }),
    refusal: (res) => {
      const info = res.json<ErrorInfo & { ErrorInfo?: ErrorInfo }>();
      const e = info?.ErrorInfo ?? info;
      return vendorText(e?.Error ?? e?.Message ?? e?.Description, 100);
    },
    success: (_res, { environment }) => `Global-e (${environment}) accepted the merchant GUID.`,
  }),
  hints: {
    invalid_credentials:
      "Global-e did not accept the merchant GUID. Check it, and that the environment matches it: integration, staging and production GUIDs are different.",
  },
};
