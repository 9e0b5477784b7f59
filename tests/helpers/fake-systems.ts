import type { LookupFunction } from "node:net";
import { classifyResponse } from "@/lib/health/classify";
import type { ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * A minimal system for engine tests: GETs `url` with the token as a Bearer header and applies the
 * generic status rules. `script` lets a test replace the probe to return or throw anything.
 */
export function fakeSystem(overrides: Partial<SystemDef> = {}): SystemDef {
  return {
    id: "fake",
    name: "Fake",
    category: "other",
    authTypes: [
      {
        id: "token",
        label: "Token",
        fields: [
          { key: "url", label: "URL", help: "Where to send the request.", secret: false, kind: "url" },
          { key: "user", label: "User", help: "Any user name.", secret: false, kind: "text", required: false },
          { key: "token", label: "Token", help: "The secret.", secret: true, kind: "password" },
        ],
      },
    ],
    probe: async ({ credentials, http }) =>
      classifyResponse(
        await http.request(credentials.url, { headers: { authorization: `Bearer ${credentials.token}` } }),
      ),
    ...overrides,
  };
}

export function scripted(
  run: () => ProbeOutcome | Promise<ProbeOutcome>,
  overrides: Partial<SystemDef> = {},
): SystemDef {
  return fakeSystem({ probe: () => Promise.resolve(run()), ...overrides });
}

/** A resolver that answers every name with `address` (simulates DNS pointing a public-looking name at a private address). */
export function fixedLookup(address: string): LookupFunction {
  const family = address.includes(":") ? 6 : 4;
  return ((_host: string, opts: { all?: boolean } | undefined, cb: (...args: unknown[]) => void) =>
    opts?.all ? cb(null, [{ address, family }]) : cb(null, address, family)) as unknown as LookupFunction;
}

export function failingLookup(code: string): LookupFunction {
  return ((host: string, _opts: unknown, cb: (err: Error) => void) =>
    cb(Object.assign(new Error(`getaddrinfo ${code} ${host}`), { code, hostname: host }))) as unknown as LookupFunction;
}
