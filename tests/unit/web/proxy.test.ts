import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";

// The public address differs from the address the server listens on, as behind a reverse proxy.
process.env.APP_URL = "https://patchbay.example.com";
const INTERNAL = "http://localhost:3100";

let proxy: typeof import("@/proxy").proxy;
let config: typeof import("@/proxy").config;
beforeAll(async () => {
  ({ proxy, config } = await import("@/proxy"));
});

const SIGNED_IN = { cookie: "next-auth.session-token=any-value" };
const request = (path: string, headers: Record<string, string> = {}) =>
  new NextRequest(`${INTERNAL}${path}`, { headers });
const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

describe("proxy.ts: the signed-out redirect", () => {
  it("builds the sign-in address on APP_URL, whatever the request's URL, Host or X-Forwarded-Host", () => {
    for (const headers of [
      {} as Record<string, string>,
      { host: "attacker.example" },
      { host: "10.0.0.7:8080", "x-forwarded-host": "attacker.example", "x-forwarded-proto": "http" },
    ]) {
      const res = proxy(request("/connectors/abc/settings?tab=x", headers));
      expect(res.status).toBe(307);
      expect(res.headers.get("location")).toBe(
        "https://patchbay.example.com/login?callbackUrl=%2Fconnectors%2Fabc%2Fsettings%3Ftab%3Dx",
      );
    }
    expect(proxy(request("/")).headers.get("location")).toBe("https://patchbay.example.com/login");
  });

  it("lets sign-in, sign-up and signed-in visitors through", () => {
    for (const path of [
      "/login",
      "/login?callbackUrl=%2Fservices",
      "/signup",
      "/signup/confirm?token=abc",
      "/signup/no-such-page",
    ]) {
      expect(proxy(request(path)).headers.get("location")).toBeNull();
    }
    expect(proxy(request("/settings/users", SIGNED_IN)).headers.get("location")).toBeNull();
    // Only the two pages themselves are public, not every path that starts with their name.
    expect(proxy(request("/loginx")).status).toBe(307);
    expect(proxy(request("/signup-admin")).status).toBe(307);
  });

  it("runs on every page and the 404, but not on API routes (they buffer no body for it) or the build's static files", () => {
    for (const url of [
      "/",
      "/login",
      "/signup",
      "/connectors",
      "/sync-reports/export",
      "/no-such-page",
      "/api",
      "/apiary",
    ]) {
      expect([url, unstable_doesMiddlewareMatch({ config, url })]).toEqual([url, true]);
    }
    for (const url of [
      "/api/v1/connectors",
      "/api/auth/session",
      "/api/v1/sync-runs",
      "/_next/static/chunks/app.js",
      "/_next/static/css/app.css",
      "/icon.svg",
      "/favicon.ico",
    ]) {
      expect([url, unstable_doesMiddlewareMatch({ config, url })]).toEqual([url, false]);
    }
  });
});

describe("proxy.ts: a database outage", () => {
  it("answers app pages 503 with Retry-After while the database is known to be away, and serves them again once a probe reaches it", async () => {
    const { reportDatabaseOutage, databaseOutage, OUTAGE_PROBE_MS } = await import("@/lib/database-faults");
    let probes = 0;
    let back = false;
    reportDatabaseOutage(() => {
      probes++;
      return back ? Promise.resolve() : Promise.reject(new Error("still away"));
    });
    const down = proxy(request("/connectors", SIGNED_IN));
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("30");
    expect(down.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
    const html = await down.text();
    expect(html).toContain("Patchbay cannot reach its database right now.");
    expect(html).not.toMatch(/<script|style=/);
    // Sign-in stays reachable (it needs no database until the form is sent, and says so itself then).
    expect(proxy(request("/login")).status).toBe(200);
    await new Promise((r) => setTimeout(r, OUTAGE_PROBE_MS * 1.5));
    expect(probes).toBeGreaterThanOrEqual(1);
    expect(databaseOutage()).toBe(true);
    back = true;
    await new Promise((r) => setTimeout(r, OUTAGE_PROBE_MS * 1.5));
    expect(databaseOutage()).toBe(false);
    expect(proxy(request("/connectors", SIGNED_IN)).status).toBe(200);
  }, 15_000);
});

describe("proxy.ts: requests no route can serve", () => {
  it("shows a malformed page path the 404 page, under the page policy, signed in or not", () => {
    for (const headers of [{}, SIGNED_IN]) {
      const res = proxy(request("/connectors/%ZZ", headers));
      expect(res.status).toBe(404);
      expect(res.headers.get("x-middleware-rewrite")).toMatch(/\/not-found$/);
      expect(res.headers.get("content-security-policy")).toMatch(/'nonce-[^']+'/);
    }
  });

  it("answers a malformed API path with 404 JSON, and lets a well-formed one through to its route", async () => {
    expect(unstable_doesMiddlewareMatch({ config, url: "/api/v1/connectors/%ZZ" })).toBe(true);
    const bad = proxy(request("/api/v1/connectors/%ZZ"));
    expect(bad.status).toBe(404);
    expect(await bad.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    const good = proxy(request("/api/v1/connectors/caf%C3%A9"));
    expect(good.headers.get("x-middleware-next")).toBe("1");
    expect(good.headers.get("content-security-policy")).toBeNull();
  });
});

describe("proxy.ts: the pages' Content-Security-Policy", () => {
  it("gives every page a policy with a fresh nonce, and hands that nonce and policy to the renderer", () => {
    const seen = new Set<string>();
    for (const [path, headers] of [
      ["/login", {}],
      ["/signup", {}],
      ["/connectors", SIGNED_IN],
      ["/no-such-page", SIGNED_IN],
      ["/connectors", {}],
    ] as const) {
      const res = proxy(request(path, headers));
      const csp = res.headers.get("content-security-policy");
      const nonce = nonceOf(csp);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      seen.add(nonce!);
      expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      for (const directive of [
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ]) {
        expect(csp).toContain(directive);
      }
      if (res.status !== 307) {
        // NextResponse.next({ request }) carries the rewritten request headers as x-middleware-request-*.
        expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
        expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
      }
    }
    expect(seen.size).toBe(5);
  });

  it("replaces a policy the client sends, so the client cannot choose the nonce the renderer uses", () => {
    const res = proxy(
      request("/login", {
        "content-security-policy": "script-src 'nonce-chosen-by-client'",
        "x-nonce": "chosen-by-client",
      }),
    );
    expect(res.headers.get("x-middleware-request-content-security-policy")).not.toContain("chosen-by-client");
    expect(res.headers.get("x-middleware-request-x-nonce")).not.toBe("chosen-by-client");
  });

  it("upgrades insecure requests when APP_URL is https (it is here)", () => {
    expect(proxy(request("/login")).headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});
