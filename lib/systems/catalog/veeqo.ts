import { vendorText } from "@/lib/health/vendor-text";
import { classifyResponse } from "@/lib/health/classify";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Veeqo REST API. Header `x-api-key` and `GET /current_company` as the smoke test; a bad key gets
 * 401 `{"error_messages":"You're not authorized"}`; leaky-bucket limit answered with 429
 * (systems.md VQ1-VQ3: help.veeqo.com "API key", public client fixtures).
 */
async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const res = await http.request("https://api.veeqo.com/current_company", {
    headers: { "x-api-key": credentials.apiKey, accept: "application/json" },
  });
  if (res.status !== 200) return classifyResponse(res);
  const company = res.json<{ name?: string }>();
  if (!company || typeof company !== "object") {
    return { status: "unreachable", reason: "unexpected_response", httpStatus: 200, message: "Veeqo answered, but not with company details." };
  }
  return { status: "operational", reason: "ok", httpStatus: 200, message: company.name ? `Connected to the Veeqo company "${vendorText(company.name, 100)}".` : undefined };
}

export const veeqo: SystemDef = {
  id: "veeqo",
  name: "Veeqo",
  category: "wms",
  authTypes: [
    {
      id: "api-key",
      label: "API key",
      fields: [
        {
          key: "apiKey",
          label: "API key",
          help: "In Veeqo: Settings > Users > select your user > Refresh API Key. Each user has their own key; if the option is missing, ask Veeqo support to enable API access.",
          secret: true,
          kind: "password",
        },
      ],
    },
  ],
  probe,
  hints: {
    invalid_credentials: "Veeqo did not recognise the API key. Keys are per user: check the user still exists and copy the key again (refreshing it replaces the old one).",
  },
};
