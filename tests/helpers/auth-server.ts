import http from "node:http";
import type { AddressInfo } from "node:net";
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { installPeerAddressHook } from "@/lib/auth/client-address";
import { asyncListener } from "./async-listener";

/**
 * next-auth's own request handler (its Node flavour, same core as app/api/auth/[...nextauth]) over real HTTP on loopback,
 * with the server start's peer-address hook installed: sign-in, session and sign-out go through the app's real
 * options, callbacks and events, and the client address comes from the socket exactly as in production.
 */
export async function startAuthServer() {
  installPeerAddressHook();
  const server = http.createServer(
    asyncListener(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const [action, providerId] = url.pathname.replace(/^\/api\/auth\//, "").split("/");
      const cookies = Object.fromEntries(
        (req.headers.cookie ?? "")
          .split(";")
          .map((c) => c.trim().split("="))
          .filter(([k]) => k)
          .map(([k, ...v]) => [k, decodeURIComponent(v.join("="))]),
      );
      const body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
      const query = { ...Object.fromEntries(url.searchParams), nextauth: [action, providerId].filter(Boolean) };
      const apiRes = Object.assign(res, {
        status: (code: number) => ((res.statusCode = code), apiRes),
        json: (value: unknown) => (res.setHeader("content-type", "application/json"), res.end(JSON.stringify(value))),
        send: (value: unknown) => res.end(typeof value === "string" ? value : JSON.stringify(value ?? {})),
      });
      await NextAuth(Object.assign(req, { query, body, cookies }) as never, apiRes as never, authOptions);
    }),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const cookieHeader = (jar: Map<string, string>) =>
    [...jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  const keep = (jar: Map<string, string>, res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i);
      const value = decodeURIComponent(pair.slice(i + 1));
      if (value === "" || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  };
  async function call(
    jar: Map<string, string>,
    path: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    const res = await fetch(`${origin}/api/auth/${path}`, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      headers: {
        cookie: cookieHeader(jar),
        ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        ...init.headers,
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    keep(jar, res);
    return res;
  }
  async function csrf(jar: Map<string, string>) {
    return ((await (await call(jar, "csrf")).json()) as { csrfToken: string }).csrfToken;
  }

  return {
    origin,
    /** A browser-like cookie jar. */
    jar: () => new Map<string, string>(),
    /** POST /api/auth/callback/credentials as the login form does; `error` is what the form would show. */
    async signIn(jar: Map<string, string>, email: string, password: string, headers: Record<string, string> = {}) {
      const csrfToken = await csrf(jar);
      const res = await call(jar, "callback/credentials", {
        form: { csrfToken, email, password, json: "true" },
        headers,
      });
      const { url } = (await res.json()) as { url: string };
      const error = new URL(url).searchParams.get("error");
      return { ok: !error, error };
    },
    async session(jar: Map<string, string>) {
      return (await (await call(jar, "session")).json()) as { user?: { id?: string } };
    },
    async signOut(jar: Map<string, string>) {
      const csrfToken = await csrf(jar);
      await call(jar, "signout", { form: { csrfToken, json: "true" } });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
export type AuthServer = Awaited<ReturnType<typeof startAuthServer>>;
