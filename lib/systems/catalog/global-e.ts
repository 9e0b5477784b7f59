import { answeredJson, notTheApi, ok, statusOutcome, vendorText } from "../http-probe";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Global-e merchant API. Sources (systems.md GE1-GE5): docs.global-e.com "Global-e Environments"
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

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const host = GLOBAL_E_HOSTS[credentials.environment];
  const res = await http.request(`https://${host}/Browsing/AppVersion`, {
    method: "POST",
    headers: { merchantguid: credentials.merchantGuid, "content-type": "application/json", accept: "application/json" },
    body: "{}",
    maxBytes: 16 * 1024,
  });
  if (res.status !== 200) {
    const info = res.json<ErrorInfo & { ErrorInfo?: ErrorInfo }>();
    const e = info?.ErrorInfo ?? info;
    return statusOutcome(res, "Global-e", vendorText(e?.Error ?? e?.Message ?? e?.Description, 100));
  }
  if (!answeredJson(res)) return notTheApi(res, "Global-e");
  return ok(`Global-e (${credentials.environment}) accepted the merchant GUID.`);
}

export const globalE: SystemDef = {
  id: "global-e",
  name: "Global-e",
  category: "ecommerce",
  authTypes: [
    {
      id: "merchant-guid",
      label: "Merchant GUID",
      fields: [
        {
          key: "environment",
          label: "Environment",
          help: "The Global-e environment this GUID belongs to: Integration and Staging GUIDs are for development and testing, Production for the live site. A GUID only works in its own environment.",
          secret: false,
          kind: "select",
          options: [
            { value: "integration", label: "Integration (connect.bglobale.com)" },
            { value: "staging", label: "Staging (connect2.bglobale.com)" },
            { value: "production", label: "Production (api.global-e.com)" },
          ],
          defaultValue: "production",
          normalise: (v) => v.toLowerCase(),
        },
        {
          key: "merchantGuid",
          label: "Merchant GUID",
          help: "The merchantGUID Global-e gave you for this environment, like D2ED2A7F-F6ED-4CCB-B611-B44AC8D02250. Ask your Global-e onboarding or account manager if you do not have it.",
          secret: true,
          kind: "password",
          normalise: (v) => v.replace(/^\{|\}$/g, ""),
          pattern: { regex: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, message: "A merchant GUID looks like D2ED2A7F-F6ED-4CCB-B611-B44AC8D02250." },
        },
      ],
    },
  ],
  probe,
  hints: {
    invalid_credentials: "Global-e did not accept the merchant GUID. Check it, and that the environment matches it: integration, staging and production GUIDs are different.",
  },
};
