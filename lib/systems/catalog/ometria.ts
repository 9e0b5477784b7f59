import { answeredJson, notTheApi, ok, statusOutcome } from "../http-probe";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Ometria data API v2. Sources (systems.md OM1-OM3, FAB): the `X-Ometria-Auth: {API key}` header
 * is used by RudderStack's Ometria transformer and Ometria's own mobile SDK; keys are created in
 * Ometria under Settings > API Keys (RudderStack docs); the Fabric-Laravel repo probes
 * GET https://api.ometria.com/v2/contacts and accepts only 200. We make that same call but read
 * at most 4 KB of it: it lists contacts (personal data), and the first bytes prove it is the API.
 * GUESS: the status for a bad key (401 or 403): both read as an auth failure.
 */
async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const res = await http.request("https://api.ometria.com/v2/contacts", {
    headers: { "x-ometria-auth": credentials.apiKey, accept: "application/json" },
    maxBytes: 4 * 1024,
  });
  if (res.status !== 200) return statusOutcome(res, "Ometria");
  if (!answeredJson(res)) return notTheApi(res, "Ometria");
  return ok("Connected to the Ometria API.");
}

export const ometria: SystemDef = {
  id: "ometria",
  name: "Ometria",
  category: "marketing",
  authTypes: [
    {
      id: "api-key",
      label: "API key",
      fields: [
        {
          key: "apiKey",
          label: "API key",
          help: "In Ometria: Settings > API Keys > create a key with access to the data API (contacts). Copy it when it is shown.",
          secret: true,
          kind: "password",
        },
      ],
    },
  ],
  probe,
  hints: {
    invalid_credentials: "Ometria did not accept the API key. Check it under Settings > API Keys, and that it was not deleted.",
    forbidden: "Ometria recognised the key but it may not read contacts. Give the key access to the data API under Settings > API Keys.",
  },
};
