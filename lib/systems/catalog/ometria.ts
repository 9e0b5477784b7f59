import { apiKey, authType } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Ometria data API v2 (docs/systems.md, Ometria): the `X-Ometria-Auth: {API key}` header; keys are created under
 * Settings > API Keys; a production integration probes GET https://api.ometria.com/v2/contacts and accepts only 200.
 * We make that same call but read at most 4 KB of it: it lists contacts (personal data), and the first bytes prove it
 * is the API. GUESS: the status for a bad key (401 or 403): both read as an auth failure.
 */
export const ometria: SystemDef = {
  id: "ometria",
  name: "Ometria",
  category: "marketing",
  authTypes: [
    authType("api-key", "API key", [
      apiKey(
        "In Ometria: Settings > API Keys > create a key with access to the data API (contacts). Copy it when it is shown.",
      ),
    ]),
  ],
  probe: restProbe({
    vendor: "Ometria",
    request: ({ apiKey }) => ({
      url: "https://api.ometria.com/v2/contacts",
      headers: { "x-ometria-auth": apiKey, accept: "application/json" },
      maxBytes: 4 * 1024,
    }),
    success: "Connected to the Ometria API.",
  }),
  hints: {
    invalid_credentials:
      "Ometria did not accept the API key. Check it under Settings > API Keys, and that it was not deleted.",
    forbidden:
      "Ometria recognised the key but it may not read contacts. Give the key access to the data API under Settings > API Keys.",
  },
};
