/**
 * The next-auth endpoints the app uses (next-auth/react's signIn, signOut and session reads), by method. next-auth
 * answers many more: its own unstyled sign-in, sign-out and error pages, a `_log` endpoint that writes what anyone
 * posts into the server's error log, and a 500 with its error text for `GET /callback/credentials`. Those are not
 * passed to it.
 */
const SERVED: Partial<Record<string, ReadonlySet<string>>> = {
  GET: new Set(["csrf", "session", "providers", "signin"]),
  POST: new Set(["callback/credentials", "signout"]),
};

/** Where next-auth sends a browser on its own pages: `signout?csrf=true` after a sign-out whose form had expired. */
const TO_SIGN_IN = new Set(["signout"]);

export type AuthEndpoint = "served" | "sign-in-page" | "not-found";

/** What to do with a request to `/api/auth/<segments>`. */
export function authEndpoint(method: string, segments: readonly string[]): AuthEndpoint {
  const action = segments.join("/");
  if (SERVED[method]?.has(action)) return "served";
  if (method === "GET" && TO_SIGN_IN.has(action)) return "sign-in-page";
  return "not-found";
}
