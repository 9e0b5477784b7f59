import type { NextAuthOptions, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { endSessions, isSessionCurrent } from "@/db/queries/users";
import { env } from "@/lib/env";
import { log, logError } from "@/lib/log";
import { clientAddress, throttleAddress } from "./client-address";
import { safeCallbackPath } from "./safe-redirect";
import { SESSION_MAX_AGE_SECONDS } from "./session-token";
import { authenticate, SIGN_IN_UNAVAILABLE } from "./sign-in";

const SESSION_ENDED = "SESSION_ENDED";
const endedSession = (metadata: unknown) => {
  const m = metadata as { message?: string; error?: { message?: string } } | undefined;
  return m?.message === SESSION_ENDED || m?.error?.message === SESSION_ENDED;
};
const appOrigin = () => new URL(env.APP_URL).origin;

export const authOptions: NextAuthOptions = {
  secret: env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const address = throttleAddress(
          clientAddress(req.headers as Record<string, unknown>, {
            trustedProxyHops: env.TRUSTED_PROXY_HOPS,
            vercel: !!env.VERCEL,
          }),
        );
        const result = await getDb()
          .then((db) => authenticate(db, { email: credentials?.email, password: credentials?.password, address }))
          .catch((error: unknown) => {
            logError("sign-in", error);
            return { ok: false as const, message: SIGN_IN_UNAVAILABLE };
          });
        // One line per attempt: its outcome and the user when known, never the e-mail or the password typed.
        log.info(result.ok ? { outcome: "signed in", userId: result.userId } : { outcome: "refused" }, "sign-in");
        // next-auth v4 passes a thrown message to the client as `error`; it is always one of our safe messages.
        if (!result.ok) throw new Error(result.message);
        return { id: result.userId, sessionVersion: result.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // Only the user id and session version go into the token; role and organisation are read fresh on every request.
    // next-auth's types say `user` is always there; it is only on sign-in (its own docs), so it is typed as optional.
    async jwt({ token, user }: { token: JWT; user?: User }) {
      if (user) return { sub: user.id, sv: (user as { sessionVersion?: number }).sessionVersion ?? 0 };
      // Any other read of the session (/api/auth/session): a session ended by sign-out, a password change or the user's
      // removal is refused, so next-auth answers an empty session and clears the cookie.
      const current =
        typeof token.sub === "string" &&
        typeof token.sv === "number" &&
        (await isSessionCurrent(await getDb(), { userId: token.sub, sessionVersion: token.sv }));
      if (!current) throw new Error(SESSION_ENDED);
      return token;
    },
    session: ({ session, token }) => ({ ...session, user: { id: token.sub } }) as typeof session,
    // Only paths of this app: a crafted callbackUrl never sends a signed-in user to another origin.
    redirect: ({ url }) => appOrigin() + safeCallbackPath(url, appOrigin()),
  },
  events: {
    // Sign-out ends every session of the user server-side: a copied cookie stops working too.
    // With JWT sessions next-auth passes the decoded cookie, null when it does not decode (its types omit the null).
    async signOut({ token }: { token: JWT | null }) {
      if (typeof token?.sub === "string" && typeof token.sv === "number")
        await endSessions(await getDb(), { userId: token.sub, sessionVersion: token.sv });
    },
  },
  logger: {
    // next-auth's default logger prints stack traces and request metadata; keep only the code.
    // An ended session read again (sign-out, password change, removal) is expected, not an error.
    error: (code, metadata) => (endedSession(metadata) ? undefined : log.error({ code }, "auth")),
    warn: (code) => log.warn({ code }, "auth"),
    debug: () => undefined,
  },
};
