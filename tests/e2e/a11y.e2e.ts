import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { baseUrl, closeAll, launchBrowser, resultsDir, screenshotDir, signIn } from "./browser";

/**
 * axe-core (WCAG 2.0/2.1 A and AA rules, and axe's best practices: landmarks, unique region names, heading order...)
 * on every page of the console, signed in as each role and signed out, at 1280 and 390 px: no violation anywhere, of
 * any impact. Each page is scanned at both widths without a reload
 * (the layout is responsive CSS). The counts per page go to a11y.json in the run's results directory
 * (test-results/<database>/).
 */
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const WIDTHS = [1280, 390];
const IMPACTS = ["critical", "serious", "moderate", "minor"] as const;
type Impact = (typeof IMPACTS)[number];
type AxeViolation = { id: string; impact: Impact | null; help: string; nodes: { target: string[] }[] };
type Scan = {
  role: string;
  page: string;
  url: string;
  width: number;
  counts: Record<Impact, number>;
  rules: { id: string; impact: Impact | null; nodes: number; targets: string[] }[];
};

const scans: Scan[] = [];
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await closeAll(browser);
});

/** A fresh context; CSP bypassed only so axe can be injected as a script tag (the app's CSP allows nonce'd scripts). */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 860 },
    bypassCSP: true,
  });
  context.setDefaultTimeout(90_000); // a development server compiles each page on its first visit
  return context;
}

async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(
    (tags) =>
      (
        window as unknown as {
          axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
        }
      ).axe
        .run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
        .then((r) => r.violations),
    TAGS,
  );
}

/** Scans what the page shows now, at each width, and records the result under role/name. */
async function scan(page: Page, role: string, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 860 });
    const violations = await axe(page);
    const counts = Object.fromEntries(IMPACTS.map((i) => [i, 0])) as Record<Impact, number>;
    for (const v of violations) if (v.impact) counts[v.impact] += v.nodes.length;
    scans.push({
      role,
      page: name,
      url: page.url().replace(baseUrl, ""),
      width,
      counts,
      rules: violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.length,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      })),
    });
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

async function visit(page: Page, role: string, name: string, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "load" });
  await scan(page, role, name);
}

/** The id of a connector, from its link on the list (connector names are the demo's, fixed). */
async function connectorHref(page: Page, name: string, tab = "live"): Promise<string | null> {
  await page.goto(`/connectors?tab=${tab}`);
  const link = page.getByRole("link", { name, exact: true });
  return (await link.count()) ? link.first().getAttribute("href") : null;
}

/** The add-connector wizard: step 1 empty and refused, then every step of a Shopify connector (two auth types). */
async function scanWizard(page: Page, role: string): Promise<void> {
  await page.goto("/connectors/new?environment=live");
  if ((await page.getByRole("form", { name: "Add a connector" }).count()) === 0) {
    await scan(page, role, "wizard (not offered)");
    return;
  }
  await scan(page, role, "wizard 1 system");
  const next = page.getByRole("button", { name: "Next →" });
  await next.click();
  await page.getByText("Choose a system.").first().waitFor();
  await scan(page, role, "wizard 1 system, error");
  await page.getByLabel("Search systems").fill("shopify");
  await page.getByText("Shopify / Shopify Plus", { exact: true }).click();
  await scan(page, role, "wizard 1 system, chosen");
  await next.click();
  const nameField = page.getByLabel("Name", { exact: true });
  await nameField.fill(""); // no name: the step's error
  await next.click();
  await page.locator("#field-name-error").getByText(/./).waitFor();
  await scan(page, role, "wizard 2 general, error");
  await nameField.fill("Accessibility check");
  // One live Shopify per company group: the demo's Wholesale group has none.
  await page.getByLabel("Company group").selectOption({ label: "Wholesale" });
  await next.click();
  await page.locator('section[data-step="time"]:not([hidden])').waitFor();
  await scan(page, role, "wizard 3 time zone");
  await next.click();
  await page.locator('section[data-step="auth"]:not([hidden])').waitFor();
  await scan(page, role, "wizard 4 authentication");
  await page.locator('section[data-step="auth"] label').first().click();
  await next.click();
  await page.locator('section[data-step="credentials"]:not([hidden])').waitFor();
  await scan(page, role, "wizard 5 credentials");
}

async function scanSignedIn(role: string, email: string): Promise<void> {
  const context = await newContext();
  const page = await context.newPage();
  try {
    await signIn(page, email, DEMO_PASSWORD);
    await page.waitForURL(/\/connectors/);
    // Sign-in moves to the list client-side: the URL changes first, and the list's title streams in after the sign-in
    // page's has gone (a scan in between found no title). Scan the list once it has arrived.
    await page.getByRole("heading", { level: 1, name: "Manage your connectors" }).waitFor();
    await page.waitForFunction(() => document.title === "Connectors · Patchbay");
    await scan(page, role, "connectors (live)");
    await visit(page, role, "connectors (testing)", "/connectors?tab=test");

    for (const [name, tab] of [
      ["Shopify UK", "live"],
      ["Sandbox store", "live"],
      ["Warehouse SFTP", "live"],
      ["Sandbox store (testing)", "test"],
    ]) {
      const href = await connectorHref(page, name, tab);
      if (!href) continue;
      await visit(page, role, `summary: ${name}`, href);
      // A failed sync's own page (its whole error), when the summary lists one.
      const errorHref = await page
        .locator('#failed-syncs a[href*="/syncs/"]')
        .first()
        .getAttribute("href", { timeout: 1000 })
        .catch(() => null);
      if (errorHref) await visit(page, role, `failed sync: ${name}`, errorHref);
      await page.goto(`${href}/settings`);
      await scan(page, role, `connector settings: ${name}`);
      const del = page.getByRole("button", { name: "Delete connector…" });
      if (name === "Shopify UK" && (await del.count())) {
        await del.click();
        await scan(page, role, `connector settings: ${name}, delete open`);
      }
    }

    await scanWizard(page, role);

    await visit(page, role, "services", "/services");
    const addService = page.getByRole("button", { name: "+ Add service" });
    if (await addService.count()) {
      await addService.click();
      await page.getByRole("form", { name: "Add a service" }).waitFor();
      await scan(page, role, "services, add open");
    }
    await visit(page, role, "sync reports", "/sync-reports");
    for (const [name, url] of [
      ["incidents", "/incidents"],
      ["settings", "/settings"],
      ["settings: notifications", "/settings/notifications"],
      ["settings: API tokens", "/settings/api-tokens"],
      ["settings: API reference", "/settings/api-reference"],
      ["settings: users", "/settings/users"],
      ["settings: company groups", "/settings/company-groups"],
      ["settings: password", "/settings/password"],
      ["settings: webhooks", "/settings/webhooks"],
      ["404 (signed in)", "/connectors/00000000-0000-4000-8000-000000000000"],
    ])
      await visit(page, role, name, url);
  } catch (error) {
    fs.mkdirSync(path.join(screenshotDir, "failures"), { recursive: true });
    await page
      .screenshot({ path: path.join(screenshotDir, "failures", `a11y-${role}.png`), fullPage: true })
      .catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

function writeSummary() {
  const out = path.join(resultsDir, "a11y.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const totals = Object.fromEntries(IMPACTS.map((i) => [i, scans.reduce((n, s) => n + s.counts[i], 0)]));
  fs.writeFileSync(
    out,
    `${JSON.stringify({ tags: TAGS, widths: WIDTHS, scans: scans.length, totals, pages: scans }, null, 2)}\n`,
  );
  for (const s of scans)
    console.log(
      `${s.role.padEnd(13)} ${String(s.width).padStart(4)}px  ${s.page.padEnd(46)} ` +
        IMPACTS.map((i) => `${i} ${s.counts[i]}`).join(", ") +
        (s.rules.length ? `  [${s.rules.map((r) => `${r.id}:${r.impact}×${r.nodes}`).join(" ")}]` : ""),
    );
}

describe("accessibility (axe-core, WCAG 2.1 A and AA and best practices)", () => {
  afterAll(writeSummary);

  it("signed out: sign-in, sign-up and 404 pages", async () => {
    const context = await newContext();
    const page = await context.newPage();
    try {
      await visit(page, "signed out", "login", "/login");
      await page.getByRole("button", { name: "Sign in" }).click(); // empty form: the errors
      await scan(page, "signed out", "login, error");
      await visit(page, "signed out", "signup", "/signup");
      await visit(page, "signed out", "forgot password", "/forgot-password");
      await visit(page, "signed out", "reset password, no link", "/reset-password");
      await visit(page, "signed out", "invitation, no link", "/invitation");
      await visit(page, "signed out", "404", "/no-such-page");
    } finally {
      await context.close();
    }
  }, 300_000);

  for (const user of DEMO_USERS)
    it(`signed in as ${user.role}: every page`, () => scanSignedIn(user.role, user.email), 600_000);

  it("no page has a violation of any impact", () => {
    const bad = scans
      .filter((s) => s.rules.length > 0)
      .map(
        (s) =>
          `${s.role} ${s.width}px ${s.page}: ${s.rules.map((r) => `${r.id}:${r.impact} (${r.targets.join(" | ")})`).join("; ")}`,
      );
    expect(scans.length).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });
});
