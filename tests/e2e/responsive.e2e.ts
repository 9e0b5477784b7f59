import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { closeAll, launchBrowser, scenario, screenshotDir, signIn } from "./browser";

/**
 * Every main page at a phone's, a tablet's and a desktop's width: saved as a full-page screenshot under
 * test-results/<database>/screenshots/responsive/<page>-<width>.png; never wider than the viewport (tables scroll in
 * their own box); the h1 on at most two lines; the title names the page (and the connector and its tab). On a phone the
 * navigation is behind a Menu button that works as a disclosure.
 */
const WIDTHS = [390, 768, 1280] as const;
const admin = DEMO_USERS[0];
const CONNECTOR = "Shopify UK";
const shots = path.join(screenshotDir, "responsive");

let browser: Browser;
beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  browser = await launchBrowser();
});
afterAll(() => closeAll(browser));

type Check = { name: string; path: string; title: string };

const signedOut: Check[] = [
  { name: "login", path: "/login", title: "Sign in · Patchbay" },
  { name: "signup", path: "/signup", title: "Create an organisation · Patchbay" },
];

function signedIn(connectorPath: string): Check[] {
  return [
    { name: "connectors", path: "/connectors", title: "Connectors · Patchbay" },
    { name: "connector-summary", path: connectorPath, title: `${CONNECTOR} · Summary · Patchbay` },
    { name: "connector-settings", path: `${connectorPath}/settings`, title: `${CONNECTOR} · Settings · Patchbay` },
    { name: "wizard", path: "/connectors/new", title: "Add a connector · Patchbay" },
    { name: "services", path: "/services", title: "Services · Patchbay" },
    { name: "sync-reports", path: "/sync-reports", title: "Sync reports · Patchbay" },
    { name: "incidents", path: "/incidents", title: "Incidents · Patchbay" },
    { name: "settings", path: "/settings", title: "Settings · Patchbay" },
    { name: "settings-users", path: "/settings/users", title: "Users · Settings · Patchbay" },
    {
      name: "settings-company-groups",
      path: "/settings/company-groups",
      title: "Company groups · Settings · Patchbay",
    },
    { name: "settings-notifications", path: "/settings/notifications", title: "Notifications · Settings · Patchbay" },
    { name: "settings-webhooks", path: "/settings/webhooks", title: "Webhooks and chat · Settings · Patchbay" },
    { name: "settings-api-tokens", path: "/settings/api-tokens", title: "API tokens · Settings · Patchbay" },
    { name: "settings-api-reference", path: "/settings/api-reference", title: "API reference · Settings · Patchbay" },
    { name: "settings-password", path: "/settings/password", title: "Your password · Settings · Patchbay" },
  ];
}

/** What the page measures: how wide the document is, and the h1's height against its line height. */
function measure(page: Page) {
  return page.evaluate(() => {
    const h1 = document.querySelector("h1");
    const style = h1 ? getComputedStyle(h1) : null;
    const lineHeight = style ? parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5 : 0;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      h1Height: h1?.getBoundingClientRect().height ?? 0,
      lineHeight,
      h1Text: h1?.textContent ?? "",
    };
  });
}

const measured: string[] = [];

async function visit(page: Page, check: Check, width: number) {
  const response = await page.goto(check.path);
  expect(response?.status()).toBe(200);
  await page.locator("h1").first().waitFor();
  const m = await measure(page);
  await page.screenshot({ path: path.join(shots, `${check.name}-${width}.png`), fullPage: true });
  measured.push(`${check.name} @${width}: scrollWidth ${m.scrollWidth}, h1 ${m.h1Height}px / line ${m.lineHeight}px`);
  // Named, so a failure says which page at which width.
  expect({ page: check.name, width, overflow: Math.max(0, m.scrollWidth - width) }).toEqual({
    page: check.name,
    width,
    overflow: 0,
  });
  // The h1 on at most two lines (a pixel of rounding allowed).
  expect(m.h1Text.trim().length).toBeGreaterThan(1);
  expect(m.h1Height).toBeGreaterThan(0);
  const lines = Math.round(m.h1Height / m.lineHeight);
  expect({ page: check.name, width, h1: m.h1Text, atMostTwoLines: lines <= 2 }).toEqual({
    page: check.name,
    width,
    h1: m.h1Text,
    atMostTwoLines: true,
  });
  expect(await page.title()).toBe(check.title);
}

async function connectorPath(page: Page): Promise<string> {
  await page.goto("/connectors");
  const href = await page.getByRole("link", { name: CONNECTOR, exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/connectors\/[0-9a-f-]{36}$/);
  return href!;
}

afterAll(() => {
  // The measurements, for the issue note: one line per page and width.
  fs.writeFileSync(path.join(shots, "measurements.txt"), `${measured.join("\n")}\n`);
});

describe("every main page at 390, 768 and 1280 px", () => {
  for (const width of WIDTHS) {
    it(
      `fits ${width} px: no sideways scroll, headings on at most two lines, titles name the page`,
      () =>
        scenario(browser, `responsive-${width}`, async (page) => {
          await page.setViewportSize({ width, height: 860 });
          for (const check of signedOut) await visit(page, check, width);
          await signIn(page, admin.email, DEMO_PASSWORD);
          await page.waitForURL(/\/connectors/);
          const connector = await connectorPath(page);
          for (const check of signedIn(connector)) await visit(page, check, width);

          const menu = page.getByRole("button", { name: "Menu" });
          const nav = page.getByRole("navigation", { name: "Main" });
          if (width >= 1024) {
            // The sidebar: always there, no Menu button.
            expect(await menu.isVisible()).toBe(false);
            expect(await nav.getByRole("link", { name: "Services" }).isVisible()).toBe(true);
          } else {
            expect(await menu.isVisible()).toBe(true);
            expect(await nav.isVisible()).toBe(false);
          }
        }),
      240_000,
    );
  }

  it("on a phone the Menu button opens the navigation, Escape closes it back to the button, following a link closes it", () =>
    scenario(browser, "responsive-menu", async (page) => {
      await page.setViewportSize({ width: 390, height: 860 });
      await signIn(page, admin.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors/);
      const menu = page.getByRole("button", { name: "Menu" });
      const nav = page.getByRole("navigation", { name: "Main" });
      expect(await menu.getAttribute("aria-expanded")).toBe("false");
      const panel = await menu.getAttribute("aria-controls");
      expect(panel).toBeTruthy();
      expect(await page.locator(`#${panel}`).isVisible()).toBe(false);

      await menu.click();
      expect(await menu.getAttribute("aria-expanded")).toBe("true");
      await nav.getByRole("link", { name: "Sync reports" }).waitFor();
      expect(await page.locator(`#${panel}`).getByTestId("current-user").isVisible()).toBe(true);
      await page.screenshot({ path: path.join(shots, "menu-open-390.png") });

      await page.keyboard.press("Escape");
      expect(await menu.getAttribute("aria-expanded")).toBe("false");
      expect(await nav.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.textContent.trim())).toBe("Menu");

      await menu.click();
      await nav.getByRole("link", { name: "Services" }).click();
      await page.waitForURL(/\/services$/);
      await page.getByRole("heading", { level: 1, name: "Services" }).waitFor();
      expect(await menu.getAttribute("aria-expanded")).toBe("false");
      expect(await nav.isVisible()).toBe(false);
    }));

  it("a wide table scrolls inside its own box on a phone and keeps its first column in view", () =>
    scenario(browser, "responsive-table", async (page) => {
      await page.setViewportSize({ width: 390, height: 860 });
      await signIn(page, admin.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors/);
      await page.goto("/sync-reports");
      const box = page.getByRole("region", { name: "Sync runs" });
      await box.waitFor();
      const sizes = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(sizes.scroll).toBeGreaterThan(sizes.client);
      const before = await box.locator("tbody tr td").first().boundingBox();
      await box.evaluate((el) => (el.scrollLeft = 200));
      const after = await box.locator("tbody tr td").first().boundingBox();
      const second = await box.locator("tbody tr td").nth(1).boundingBox();
      // The first cell stays put; the second moved left under it.
      expect(after!.x).toBeCloseTo(before!.x, 0);
      expect(second!.x).toBeLessThan(after!.x + after!.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }));
});

describe("the app's own 404 pages", () => {
  it("an unknown connector shows a 404 inside the app, with a way back to the connectors", () =>
    scenario(browser, "not-found-connector", async (page) => {
      await page.setViewportSize({ width: 390, height: 860 });
      await signIn(page, admin.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors/);
      for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-connector"]) {
        const response = await page.goto(`/connectors/${id}`);
        expect(response?.status()).toBe(404);
        await page.getByRole("heading", { level: 1, name: "Connector not found" }).waitFor();
        expect(await page.title()).toBe("Connector not found · Patchbay");
        // The app's frame stays: the Menu button is there.
        expect(await page.getByRole("button", { name: "Menu" }).isVisible()).toBe(true);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      }
      await page.screenshot({ path: path.join(shots, "not-found-connector-390.png"), fullPage: true });
      await page.getByRole("link", { name: "Go to the connectors" }).click();
      await page.waitForURL(/\/connectors$/);
      await page.getByRole("heading", { level: 1, name: "Connectors" }).waitFor();
    }));

  it("an unknown address shows the 404 page with links to the connectors and to sign in", () =>
    scenario(browser, "not-found-page", async (page) => {
      // Signed in: a signed-out visitor of any page but sign-in and sign-up is sent to sign in first.
      await signIn(page, admin.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors/);
      const response = await page.goto("/no-such-page");
      expect(response?.status()).toBe(404);
      await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
      expect(await page.title()).toBe("Page not found · Patchbay");
      expect(await page.getByRole("link", { name: "Go to the connectors" }).getAttribute("href")).toBe("/connectors");
      expect(await page.getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe("/login");
      await page.screenshot({ path: path.join(shots, "not-found-page-1280.png"), fullPage: true });
    }));
});

describe("a long connector name", () => {
  const LONG = "Veeqo warehouse integration Northern Distribution Centre returns";

  it("keeps the phone's list one tile wide and the connector's heading on two lines", () =>
    scenario(browser, "responsive-long-name", async (page) => {
      await page.setViewportSize({ width: 390, height: 860 });
      await signIn(page, admin.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors/);
      const href = await page.getByRole("link", { name: "Veeqo", exact: true }).getAttribute("href");
      await page.goto(`${href}/settings`);
      await page.getByLabel("Name", { exact: true }).fill(LONG);
      await page.getByRole("button", { name: /^Save general/ }).click();
      await page.getByRole("heading", { level: 1, name: LONG }).waitFor();

      await page.goto("/connectors");
      await page.getByRole("link", { name: LONG, exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // Tiles in one column: every tile starts at the same x.
      const lefts = await page
        .locator("ul[aria-label='Live connectors'] > li")
        .evaluateAll((tiles) => [...new Set(tiles.map((t) => Math.round(t.getBoundingClientRect().left)))]);
      expect(lefts).toHaveLength(1);
      await page.screenshot({ path: path.join(shots, "long-name-connectors-390.png"), fullPage: true });

      await page.goto(href!);
      const m = await measure(page);
      expect(m.scrollWidth).toBeLessThanOrEqual(390);
      expect(m.h1Text).toBe(LONG);
      expect(Math.round(m.h1Height / m.lineHeight)).toBe(2);
      expect(await page.title()).toBe(`${LONG} · Summary · Patchbay`);
      await page.screenshot({ path: path.join(shots, "long-name-summary-390.png") });

      // The other browser tests share this server's demo organisation: the connector gets its name back.
      await page.goto(`${href}/settings`);
      await page.getByLabel("Name", { exact: true }).fill("Veeqo");
      await page.getByRole("button", { name: /^Save general/ }).click();
      await page.getByRole("heading", { level: 1, name: "Veeqo", exact: true }).waitFor();
    }));
});
