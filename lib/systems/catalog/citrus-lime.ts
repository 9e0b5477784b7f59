import { answeredJson, notTheApi, ok, statusOutcome } from "../http-probe";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Citrus-Lime Cloud POS API. Sources (systems.md CL1-CL4): howto.citruslime.com "Citrus-Lime Cloud
 * POS API" (key passed in a header, generated in Setup > Configuration; each licence has a demo
 * group for development) and cloudposapi.citruslime.com/About (at most 1 request per second,
 * answered with 429); Citrus-Lime's own VB sample builds https://cloudposapi.citruslime.com/api/{method},
 * sends the raw key as the Authorization value (no scheme) and maps 401 to "not authenticated".
 * One GET /api/Store per check is far below the limit, but connectors sharing a key can be checked
 * in the same second by one sweep: that 429 is throttled (operational, Retry-After honoured), never down.
 */
async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const res = await http.request("https://cloudposapi.citruslime.com/api/Store", {
    headers: { authorization: credentials.apiKey, accept: "application/json" },
    maxBytes: 32 * 1024,
  });
  if (res.status === 429) return { ...statusOutcome(res, "Citrus-Lime"), message: "Reached, but Citrus-Lime is rate-limiting this key (at most 1 request per second)." };
  if (res.status !== 200) return statusOutcome(res, "Citrus-Lime");
  if (!answeredJson(res)) return notTheApi(res, "Citrus-Lime Cloud POS");
  return ok("Read the store list from the Citrus-Lime Cloud POS API.");
}

export const citrusLime: SystemDef = {
  id: "citrus-lime",
  name: "Citrus-Lime",
  category: "pos",
  authTypes: [
    {
      id: "api-key",
      label: "API key",
      fields: [
        {
          key: "apiKey",
          label: "API key",
          help: "In Citrus-Lime Cloud POS: Setup > Configuration > API keys. A key belongs to one group of stores; use your licence's demo group key only for testing.",
          secret: true,
          kind: "password",
        },
      ],
    },
  ],
  probe,
  hints: {
    invalid_credentials: "Citrus-Lime did not accept the API key. Check it under Setup > Configuration in Cloud POS, and that it was not deleted or regenerated.",
    forbidden: "The API key was recognised but may not read stores. Check the key's permissions under Setup > Configuration in Cloud POS.",
  },
};
