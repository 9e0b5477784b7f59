import http from "node:http";
import { encode, decode } from "next-auth/jwt";
import type { Browser, Page, Response } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { baseUrl, closeAll, launchBrowser, scenario, signIn } from "./browser";

/**
 * Browser hardening against the production build: every page answers with a nonce-based Content-Security-Policy and
 * the other security headers, nothing on the pages breaks the policy, the pages still work, and the policy really
 * stops a script injected without the nonce. Plus: redirects point at APP_URL whatever Host the request names.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await closeAll(browser);
});

const admin = DEMO_USERS[0];
const APP_URL = process.env.APP_URL ?? baseUrl;
const nonces: string[] = [];

type Watch = { violations: string[]; errors: string[] };

/** Records CSP violations (the DOM event, through a binding the policy cannot block) and console errors. */
async function watch(page: Page): Promise<Watch> {
  const seen: Watch = { violations: [], errors: [] };
  await page.exposeBinding("__reportViolation", (_source, text: string) => void seen.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportViolation(t: string): void }).__reportViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${location.pathname}`,
      );
    });
  });
  page.on("console", (m) => {
    if (m.type() === "error") seen.errors.push(`${m.text()} (${page.url()})`);
  });
  page.on("pageerror", (e) => seen.errors.push(`${e.message} (${page.url()})`));
  return seen;
}

/** The headers every page answer carries; returns the page's nonce. */
function expectPageHeaders(headers: Record<string, string>, where: string): string {
  const csp = headers["content-security-policy"] ?? "";
  // One policy only: a second one (say a fixed one from the config) would be enforced too and block the page.
  expect([where, csp.match(/default-src/g)?.length]).toEqual([where, 1]);
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect([where, nonce]).toEqual([where, expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/)]);
  const directives = csp.split(/;\s*/);
  expect([where, directives]).toEqual([
    where,
    expect.arrayContaining([
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
      `style-src 'self' 'nonce-${nonce}'`,
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ]),
  ]);
  expect([where, csp]).not.toEqual([where, expect.stringMatching(/unsafe-(inline|eval)/)]);
  expectCommonHeaders(headers, where);
  return nonce!;
}

function expectCommonHeaders(headers: Record<string, string>, where: string) {
  expect([where, headers["x-content-type-options"], headers["x-frame-options"], headers["referrer-policy"]]).toEqual([
    where,
    "nosniff",
    "DENY",
    "same-origin",
  ]);
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
    expect([where, headers["permissions-policy"]]).toEqual([where, expect.stringContaining(`${feature}=()`)]);
  }
  // The browser tests run the production build, so HSTS is on.
  expect([where, headers["strict-transport-security"]]).toEqual([where, "max-age=63072000; includeSubDomains"]);
}

/**
 * Opens a page, checks its headers and that every script tag the server wrote carries this answer's nonce (chunks the
 * page's scripts load later have none: 'strict-dynamic' trusts them through their loader).
 */
async function visit(page: Page, path: string, status = 200): Promise<Response> {
  const res = (await page.goto(path))!;
  expect([path, res.status()]).toEqual([path, status]);
  expect(new URL(res.url()).pathname).toBe(path.split("?")[0]);
  const nonce = expectPageHeaders(await res.allHeaders(), path);
  nonces.push(nonce);
  const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  expect([path, scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`))]).toEqual([path, []]);
  return res;
}

function expectClean(seen: Watch, ignore: RegExp[] = []) {
  expect(seen.violations).toEqual([]);
  expect(seen.errors.filter((e) => !ignore.some((r) => r.test(e)))).toEqual([]);
}

/** A raw request, so the Host header can name anything (browsers and fetch do not let a caller choose it). */
function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.get({ host: url.hostname, port: url.port, path, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on("error", reject);
  });
}

/** Where a Location sends a browser that asked `requested`: it must be APP_URL's origin, never the Host a client sent. */
function expectAppUrlLocation(location: string | undefined, requested: string, path: string) {
  expect(location).toBeTruthy();
  // An absolute Location must be built on APP_URL; a path-only one stays on the origin the browser asked for.
  if (/^[a-z]+:/i.test(location!)) expect(location!.startsWith(`${APP_URL}/`)).toBe(true);
  else expect(location!.startsWith("/")).toBe(true);
  const target = new URL(location!, requested);
  expect(target.pathname + target.search).toBe(path);
}

describe("browser hardening", () => {
  it("signed out: sign-in, sign-up and a 404 carry the headers and work under the policy; sign-in works", () =>
    scenario(browser, "headers-signed-out", async (page) => {
      const seen = await watch(page);
      await visit(page, "/signup");
      await page.getByRole("button", { name: "Create organisation" }).click();
      // Client-side validation ran: the scripts loaded under the policy.
      await page.locator("#field-email-error").getByText("E-mail is required.").waitFor();

      // The sign-up link's page is public (an unknown token gets the calm message).
      await visit(page, "/signup/confirm?token=unknown");
      await page.getByRole("heading", { name: "This link no longer works" }).waitFor();

      await visit(page, "/signup/no-such-page", 404);
      expect(await page.getByRole("heading", { name: "Page not found" }).isVisible()).toBe(true);

      await visit(page, "/login");
      await page.getByLabel("E-mail").fill(admin.email);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/connectors$/);
      await page.getByTestId("current-user").getByText(admin.name).waitFor();
      // The browser's own 404 line for the missing page's document is not a policy error.
      expectClean(seen, [/status of 404.*no-such-page/]);
    }));

  it("signed in as an administrator: every page carries the headers, nothing breaks the policy, and the pages work", () =>
    scenario(browser, "headers-signed-in", async (page) => {
      await signIn(page, admin.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors$/);
      const seen = await watch(page);

      await visit(page, "/connectors");
      const href = await page.getByRole("link", { name: "Sandbox store", exact: true }).getAttribute("href");
      const summary = new URL(href!, baseUrl).pathname;

      // The summary's chart tooltip: check now so the chart has an hour to show, then hover along the chart.
      await visit(page, summary);
      await page.getByRole("button", { name: "Check now" }).click();
      await page
        .getByText(/^Checked: |was checked in the last/)
        .first()
        .waitFor();
      await page.reload();
      const chart = page.locator('svg[aria-labelledby="latency-title latency-desc"]');
      await chart.scrollIntoViewIfNeeded();
      const box = (await chart.boundingBox())!;
      const tooltip = page.getByTestId("latency-tooltip");
      // The newest hour is at the right end of the chart.
      for (let f = 0.995; f > 0.06 && !(await tooltip.isVisible()); f -= 0.004) {
        await chart.hover({ position: { x: box.width * f, y: box.height / 2 } });
      }
      expect(await tooltip.textContent()).toMatch(/average \d[\d,]* ms, p95 \d[\d,]* ms, \d+ checks?/);

      await visit(page, `${summary}/settings`);
      await page.getByRole("form", { name: "General settings" }).waitFor();

      await visit(page, "/connectors/new");
      await page.getByLabel("Search systems").fill("magento");
      await page
        .locator("#wizard-system-count")
        .getByText(/^1 of \d+ systems$/)
        .waitFor();
      expect(await page.getByText("Magento 2 / Adobe Commerce").isVisible()).toBe(true);
      expect(await page.getByText("Shopify", { exact: true }).count()).toBe(0);

      for (const path of [
        "/services",
        "/sync-reports",
        "/incidents",
        "/settings",
        "/settings/users",
        "/settings/api-tokens",
        "/settings/company-groups",
        "/settings/notifications",
        "/settings/webhooks",
      ]) {
        await visit(page, path);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
      }
      await visit(page, "/no-such-page", 404);
      await visit(page, "/connectors/00000000-0000-4000-8000-000000000000", 404);
      expect(await page.getByRole("heading", { name: "Connector not found" }).isVisible()).toBe(true);

      // Client-side navigation (RSC requests) stays within the policy too.
      await page.getByRole("link", { name: "Go to the connectors" }).click();
      await page.waitForURL(/\/connectors$/);
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
      await page.getByRole("heading", { name: "Services", level: 1 }).waitFor();
      expectClean(seen, [/status of 404.*(no-such-page|00000000-0000)/]);
    }));

  it("a nonce is never reused", async () => {
    const answers = [...nonces];
    for (let i = 0; i < 10; i++)
      answers.push(expectPageHeaders((await rawGet("/login", {})).headers as Record<string, string>, "/login"));
    expect(answers.length).toBeGreaterThanOrEqual(10);
    expect(new Set(answers).size).toBe(answers.length);
  });

  it("blocks a script or handler injected into a page's markup without the nonce, and reports it", () =>
    scenario(browser, "headers-injection", async (page) => {
      const seen = await watch(page);
      // What a stored or reflected injection would produce: markup in the page's HTML that did not come from React.
      const stale = nonces[0] ?? "c3RhbGUtbm9uY2UtMDAwMA==";
      await page.route("**/login", async (route) => {
        const res = await route.fetch();
        const html = (await res.text()).replace(
          "</body>",
          `<script>window.__inlineRan = true</script><script nonce="${stale}">window.__staleRan = true</script>` +
            `<img src="/icon.svg" onload="window.__handlerRan = true"><a id="js-link" href="javascript:window.__linkRan = true">x</a></body>`,
        );
        await route.fulfill({ response: res, body: html });
      });
      expectPageHeaders(await (await page.goto("/login"))!.allHeaders(), "/login with injected markup");
      await page.locator("#js-link").click();
      // The page's own scripts still run: the form validates on the client.
      await page.getByLabel("E-mail").fill(admin.email);
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").getByText("E-mail or password is incorrect.").waitFor();
      const ran = await page.evaluate(() => {
        const w = window as unknown as Record<string, boolean | undefined>;
        return { inline: !!w.__inlineRan, staleNonce: !!w.__staleRan, handler: !!w.__handlerRan, link: !!w.__linkRan };
      });
      expect(ran).toEqual({ inline: false, staleNonce: false, handler: false, link: false });
      for (let i = 0; i < 20 && seen.violations.length < 4; i++) await page.waitForTimeout(100);
      expect(seen.violations).toHaveLength(4);
      expect(seen.violations.every((v) => /^script-src/.test(v))).toBe(true);
    }));

  it("API answers carry a policy that allows nothing, and they and static files the other headers", async () => {
    for (const path of ["/api/v1/connectors", "/api/auth/session", "/api/inbound/v1/ping"]) {
      const res = await rawGet(path, {});
      expect([path, res.headers["content-security-policy"]]).toEqual([
        path,
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
      ]);
      expectCommonHeaders(res.headers as Record<string, string>, path);
    }
    const html = await (await fetch(`${baseUrl}/login`)).text();
    const chunk = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1];
    for (const path of [chunk, "/icon.svg"]) {
      const res = await rawGet(path, {});
      expect([path, res.status]).toEqual([path, 200]);
      expectCommonHeaders(res.headers as Record<string, string>, path);
    }
  });
});

describe("redirects use APP_URL, whatever Host the request names", () => {
  // (No X-Forwarded-Proto here: with a loopback APP_URL, as in this test run, Next.js rewrites a redirect to the
  // request's own host into "localhost" when the protocols differ. The unit tests cover it with a public APP_URL.)
  const SPOOFED: Record<string, string>[] = [
    { host: "internal-node-7:3100" },
    { host: "attacker.example", "x-forwarded-host": "attacker.example" },
  ];

  it("a signed-out visit to a page", async () => {
    for (const headers of SPOOFED) {
      const res = await rawGet("/sync-reports?status=failed", headers);
      expect(res.status).toBe(307);
      expectAppUrlLocation(
        res.headers.location,
        `http://${headers.host}/sync-reports?status=failed`,
        "/login?callbackUrl=%2Fsync-reports%3Fstatus%3Dfailed",
      );
      expectPageHeaders(res.headers as Record<string, string>, "redirect");
    }
  });

  it("the CSV export and a page with an expired session", async () => {
    // A real session token of the administrator, re-issued as expired.
    const context = await browser.newContext({ baseURL: baseUrl });
    const page = await context.newPage();
    await signIn(page, admin.email, DEMO_PASSWORD);
    await page.waitForURL(/\/connectors$/);
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
    await context.close();
    const secret = process.env.AUTH_SECRET!;
    const token = (await decode({ token: cookie.value, secret }))!;
    expect(token.sub).toBeTruthy();
    const expired = await encode({ token: { ...token }, secret, maxAge: -60 });

    const path = "/sync-reports/export?from=2026-01-01&status=failed";
    for (const headers of SPOOFED) {
      const res = await rawGet(path, { ...headers, cookie: `${cookie.name}=${expired}` });
      expect(res.status).toBe(307);
      expectAppUrlLocation(
        res.headers.location,
        `http://${headers.host}${path}`,
        "/login?callbackUrl=%2Fsync-reports%3Ffrom%3D2026-01-01%26status%3Dfailed",
      );

      // requireUser() on a page: the same rule.
      const pageRes = await rawGet("/settings/users", { ...headers, cookie: `${cookie.name}=${expired}` });
      expect(pageRes.status).toBe(307);
      expect(pageRes.headers.location).toMatch(/^(\/login|http)/);
      expect(new URL(pageRes.headers.location!, APP_URL).origin).toBe(new URL(APP_URL).origin);
      expect(pageRes.headers.location).not.toContain(headers.host);
    }
    // The session itself, not expired, opens the export: the redirect above was for the expiry, not a broken token.
    expect((await rawGet(path, { cookie: `${cookie.name}=${cookie.value}` })).status).toBe(200);
  });
});
