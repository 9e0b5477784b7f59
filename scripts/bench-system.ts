import { classifyResponse } from "@/lib/health/classify";
import type { SystemDef } from "@/lib/health/contract";

/** A vendor that exists only for the benchmark: GET its URL with a bearer token. Never in the registry. */
export const benchSystem: SystemDef = {
  id: "bench",
  name: "Bench vendor",
  category: "other",
  authTypes: [
    {
      id: "token",
      label: "Token",
      fields: [
        { key: "url", label: "URL", help: "The bench server.", secret: false, kind: "url" },
        { key: "token", label: "Token", help: "Any value.", secret: true, kind: "password" },
      ],
    },
  ],
  probe: async ({ credentials, http }) =>
    classifyResponse(
      await http.request(credentials.url, { headers: { authorization: `Bearer ${credentials.token}` } }),
    ),
};
