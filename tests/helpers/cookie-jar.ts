import { issueSessionCookie } from "@/lib/auth/session-token";

/**
 * The cookies next/headers hands a page, route or action, for tests that call them outside a request. Use with
 * `jest.mock("next/headers", () => require("<path>/helpers/cookie-jar").nextHeaders)`.
 */
const jar = new Map<string, string>();

export const nextHeaders = {
  cookies: () =>
    Promise.resolve({
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      set: (name: string, value: string) => void jar.set(name, value),
    }),
};

/** Signs the jar in as `userId` with a real session cookie (its current session version: 0 for a new user). */
export async function signInAs(userId: string, sessionVersion = 0): Promise<void> {
  jar.clear();
  const cookie = await issueSessionCookie({ sub: userId, sv: sessionVersion });
  jar.set(cookie.name, cookie.value);
}
