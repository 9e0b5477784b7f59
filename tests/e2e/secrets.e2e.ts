import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { DEMO_CONNECTORS, DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { getSystem } from "@/lib/systems";
import { baseUrl, closeAll, launchBrowser, resultsDir, signIn } from "./browser";

/** Every secret value the demo seed stored (fields the registry marks secret). */
const SECRETS = DEMO_CONNECTORS.flatMap((c) => {
  const fields = getSystem(c.systemId)!.authTypes.find((a) => a.id === c.authType)!.fields;
  return fields.filter((f) => f.secret).map((f) => c.credentials[f.key]);
}).filter((v) => v && v.length >= 8);

function leaks(text: string): string[] {
  return SECRETS.filter(
    (s) => text.includes(s) || text.includes(encodeURIComponent(s)) || text.includes(Buffer.from(s).toString("base64")),
  );
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  expect(SECRETS.length).toBeGreaterThanOrEqual(10);
});
afterAll(() => closeAll(browser));

async function signedIn(email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await signIn(page, email, DEMO_PASSWORD);
  await page.waitForURL(/\/connectors/);
  await page.close();
  return context;
}

describe("no stored secret ever reaches a browser or a log", () => {
  it.each(DEMO_USERS.map((u) => [u.role, u.email]))(
    "as %s: every connector page's HTML and RSC payload",
    async (_role, email) => {
      const context = await signedIn(email);
      const list = await context.request.get("/connectors?tab=live");
      const ids = new Set<string>();
      for (const tab of ["live", "test"]) {
        const html = await (await context.request.get(`/connectors?tab=${tab}`)).text();
        for (const m of html.matchAll(/\/connectors\/([0-9a-f-]{36})/g)) ids.add(m[1]);
      }
      expect(list.ok()).toBe(true);
      // Every demo connector at least (other browser tests may have added connectors of their own: those are checked too).
      expect(ids.size).toBeGreaterThanOrEqual(DEMO_CONNECTORS.length);
      const pages = [
        "/connectors?tab=live",
        "/connectors?tab=test",
        ...[...ids].flatMap((id) => [`/connectors/${id}`, `/connectors/${id}/settings`]),
      ];
      for (const url of pages) {
        for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
          const res = await context.request.get(url, { headers });
          expect(res.status()).toBeLessThan(500);
          expect({ url, headers, leaks: leaks(await res.text()) }).toEqual({ url, headers, leaks: [] });
        }
      }
      await context.close();
    },
  );

  it("the credentials panel's server action answers without secrets, and the server log holds none", async () => {
    const context = await signedIn(DEMO_USERS[0].email);
    const page = await context.newPage();
    // Each POST goes through the test on its way back, so its whole body is read before the page sees it: read
    // from the "response" event, a streamed body is sometimes already gone from the browser's buffer.
    const bodies: string[] = [];
    await page.route("**/*", async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      const response = await route.fetch();
      bodies.push(await response.text());
      await route.fulfill({ response });
    });
    await page.goto("/connectors?tab=live");
    await page.getByRole("link", { name: "Shopify UK", exact: true }).click();
    await page.getByRole("navigation", { name: "Connector" }).getByRole("link", { name: "Settings" }).click();
    const panel = page.getByRole("form", { name: "Credentials" });
    await panel.getByRole("button", { name: /Save and check/ }).click();
    await page.getByText(/Nothing changed|stored credentials are the same/).waitFor();
    // The action's own answer was read (it carries the message the page shows).
    expect(bodies.join("\n")).toMatch(/Nothing changed|stored credentials are the same/);
    expect(bodies.flatMap(leaks)).toEqual([]);
    expect(await panel.getByLabel("Admin API access token", { exact: true }).inputValue()).toBe("");
    await context.close();

    const log = path.join(resultsDir, "e2e-server.log");
    if (fs.existsSync(log)) expect(leaks(fs.readFileSync(log, "utf8"))).toEqual([]);
  });
});
