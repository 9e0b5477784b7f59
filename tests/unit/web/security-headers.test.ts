import type { NextConfig } from "next";
import { newNonce, pageContentSecurityPolicy } from "@/lib/web/security-headers";

const CONFIG: string = "@/next.config.mjs"; // plain JavaScript: typed below

type HeaderRoute = { source: string; headers: { key: string; value: string }[] };

/** next.config.mjs as Next.js loads it under a given NODE_ENV (it reads it once, at start-up). */
async function configHeaders(nodeEnv: string): Promise<HeaderRoute[]> {
  const saved = process.env.NODE_ENV;
  (process.env as Record<string, string>).NODE_ENV = nodeEnv;
  try {
    let routes: HeaderRoute[] = [];
    await jest.isolateModulesAsync(async () => {
      const { default: config } = (await import(CONFIG)) as { default: NextConfig };
      routes = await config.headers!();
    });
    return routes;
  } finally {
    (process.env as Record<string, string>).NODE_ENV = saved!;
  }
}
const byKey = (route: HeaderRoute | undefined) =>
  Object.fromEntries((route?.headers ?? []).map((h) => [h.key, h.value]));

describe("next.config.mjs security headers", () => {
  it("every answer gets nosniff, no framing, a same-origin referrer and no powerful features; HSTS in production only", async () => {
    const production = byKey((await configHeaders("production")).find((r) => r.source === "/:path*"));
    expect(production).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
      "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    });
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"])
      expect(production["Permissions-Policy"]).toContain(`${feature}=()`);
    // Pages get theirs, with a nonce, from proxy.ts: a fixed policy here would be sent beside it and block the page.
    expect(production).not.toHaveProperty("Content-Security-Policy");
    const development = byKey((await configHeaders("development")).find((r) => r.source === "/:path*"));
    expect(development).not.toHaveProperty("Strict-Transport-Security");
    expect(development["X-Frame-Options"]).toBe("DENY");
  });

  it("API routes get a policy that allows nothing", async () => {
    expect(byKey((await configHeaders("production")).find((r) => r.source === "/api/:path*"))).toEqual({
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    });
  });
});

describe("pages' Content-Security-Policy", () => {
  it("allows eval and inline styles in development only, where React and the error overlay need them", () => {
    const dev = pageContentSecurityPolicy("abc", { development: true, https: false });
    expect(dev).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic' 'unsafe-eval'");
    // A nonce in style-src would make browsers ignore 'unsafe-inline', so development has none there.
    expect(dev).toContain("style-src 'self' 'unsafe-inline';");
    const prod = pageContentSecurityPolicy("abc", { development: false, https: false });
    expect(prod).not.toMatch(/unsafe-(eval|inline)/);
    expect(prod).toContain("style-src 'self' 'nonce-abc';");
    expect(prod).not.toContain("upgrade-insecure-requests");
    expect(pageContentSecurityPolicy("abc", { development: false, https: true })).toContain(
      "upgrade-insecure-requests",
    );
  });

  it("makes a new, unguessable nonce each time", () => {
    const nonces = Array.from({ length: 1000 }, newNonce);
    expect(new Set(nonces).size).toBe(1000);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});
