import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { authenticate } from "./sign-in";

function clientAddress(headers: Record<string, unknown> | undefined): string {
  // Vercel and reverse proxies put the client first in x-forwarded-for; self-hosting without a proxy should not trust it.
  const forwarded = String(headers?.["x-forwarded-for"] ?? "").split(",")[0].trim();
  return forwarded || String(headers?.["x-real-ip"] ?? "") || "unknown";
}

export const authOptions: NextAuthOptions = {
  secret: env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const result = await authenticate(await getDb(), {
          email: credentials?.email,
          password: credentials?.password,
          address: clientAddress(req?.headers as Record<string, unknown>),
        });
        // next-auth v4 passes a thrown message to the client as `error`; it is always one of our safe messages.
        if (!result.ok) throw new Error(result.message);
        return { id: result.userId };
      },
    }),
  ],
  callbacks: {
    // Only the user id goes into the token; role and organisation are read fresh from the database on every request.
    jwt: ({ token, user }) => (user ? { ...token, sub: user.id } : token),
    session: ({ session, token }) => ({ ...session, user: { id: token.sub } }) as typeof session,
  },
  logger: {
    // next-auth's default logger prints stack traces and request metadata; keep only the code.
    error: (code) => console.error(`[auth] ${code}`),
    warn: (code) => console.warn(`[auth] ${code}`),
    debug: () => undefined,
  },
};
