import { decode, encode } from "next-auth/jwt";
import { env } from "@/lib/env";

/** How long a session lasts after sign-in (next-auth's JWT session). */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** next-auth's session cookie: `__Secure-` prefixed when the app is served over https, as next-auth names it. */
export const sessionCookieName = () =>
  `${env.APP_URL.startsWith("https://") ? "__Secure-" : ""}next-auth.session-token`;

export interface SessionClaims {
  /** The user id. */
  sub: string;
  /** The user's session version when the session was issued; the session is over once the user's version moves on. */
  sv: number;
}

type CookieStore = { get(name: string): { value: string } | undefined; getAll(): { name: string; value: string }[] };

/** The session cookie's value (next-auth splits a large one into `.0`, `.1`, ... chunks). */
function sessionCookie(cookies: CookieStore): string | undefined {
  const name = sessionCookieName();
  const whole = cookies.get(name)?.value;
  if (whole) return whole;
  const chunks = cookies
    .getAll()
    .filter((c) => c.name.startsWith(`${name}.`))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : undefined;
}

/** The claims of a well-formed, unexpired session cookie, or null. Whether the session is still current is the database's call. */
export async function readSessionClaims(cookies: CookieStore): Promise<SessionClaims | null> {
  const token = sessionCookie(cookies);
  if (!token) return null;
  const claims = await decode({ token, secret: env.AUTH_SECRET }).catch(() => null);
  return typeof claims?.sub === "string" && typeof claims.sv === "number" ? { sub: claims.sub, sv: claims.sv } : null;
}

/** A fresh session cookie for `claims` (after a password change the current device keeps its session). */
export async function issueSessionCookie(claims: SessionClaims) {
  const value = await encode({
    token: { sub: claims.sub, sv: claims.sv },
    secret: env.AUTH_SECRET,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  return {
    name: sessionCookieName(),
    value,
    options: {
      httpOnly: true,
      sameSite: "lax" as const,
      path: "/",
      secure: env.APP_URL.startsWith("https://"),
      maxAge: SESSION_MAX_AGE_SECONDS,
    },
  };
}
