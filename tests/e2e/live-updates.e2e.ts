import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { baseUrl, closeAll, launchBrowser, screenshot, signIn } from "./browser";

/**
 * Pages stay current without a reload: a connector's summary and the list, open in two tabs, show a status change made
 * and checked in a third tab within 15 s, and neither tab navigated (a marker set on their window survives).
 */
const CONNECTOR = "Wholesale sandbox"; // demo data: a sandbox connector, down at first
const LABEL = { healthy: "Operational", down: "System Unreachable" } as const;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await closeAll(context, browser);
});

async function setModeAndCheck(control: Page, summaryUrl: string, mode: keyof typeof LABEL) {
  await control.goto(`${summaryUrl}/settings`);
  const form = control.getByRole("form", { name: `Sandbox behaviour of ${CONNECTOR}` });
  await form.getByLabel(`Sandbox behaviour of ${CONNECTOR}`).selectOption(mode);
  await form.getByRole("button", { name: "Apply" }).click();
  await form.getByText("Sandbox behaviour changed").waitFor();
  await control.goto(summaryUrl);
  await control.getByRole("button", { name: "Check now" }).click();
  await control.locator("header").getByText(LABEL[mode], { exact: true }).waitFor({ timeout: 20_000 });
}

/** The banner's headline: the status, then " since …". */
const headline = (label: string) => new RegExp(`^${label}( since|$)`);
const marked = (page: Page) => page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker);

describe("live updates", () => {
  it("the list and a summary open in other tabs show a status change within 15 s, without reloading", async () => {
    context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 860 } });
    const summary = await context.newPage();
    try {
      await signIn(summary, DEMO_USERS[0].email, DEMO_PASSWORD);
      await summary.waitForURL(/\/connectors/);
      await summary.getByRole("link", { name: CONNECTOR, exact: true }).click();
      await summary.waitForURL(/\/connectors\/[0-9a-f-]{36}$/);
      const summaryUrl = summary.url();
      const banner = summary.getByTestId("status-banner");
      await banner.waitFor();
      // Whatever the start-up sweep and earlier tests left: flip to the other state.
      const wasHealthy = (await summary.locator("header").getByText(LABEL.healthy, { exact: true }).count()) > 0;
      const target = wasHealthy ? "down" : "healthy";

      const list = await context.newPage();
      await list.goto("/connectors?tab=live");
      const tile = list.getByTestId(`tile-${CONNECTOR}`);
      await tile.waitFor();
      for (const page of [summary, list]) {
        await page.evaluate(() => Object.assign(window, { liveMarker: "still here" }));
        await page
          .getByTestId("live-updates")
          .getByText(/Updated/)
          .waitFor();
        expect(await page.evaluate(() => document.visibilityState)).toBe("visible");
      }
      expect(await tile.getByText(LABEL[target], { exact: true }).count()).toBe(0);

      const control = await context.newPage();
      await setModeAndCheck(control, summaryUrl, target);
      const recorded = Date.now();

      await Promise.all([
        banner.getByText(headline(LABEL[target])).waitFor({ timeout: 15_000 }),
        summary.locator("header").getByText(LABEL[target], { exact: true }).waitFor({ timeout: 15_000 }),
        tile.getByText(LABEL[target], { exact: true }).waitFor({ timeout: 15_000 }),
      ]);
      expect(Date.now() - recorded).toBeLessThan(15_000);
      expect([await marked(summary), await marked(list)]).toEqual(["still here", "still here"]);
      expect(summary.url()).toBe(summaryUrl);
      // The next check shown is never in the past: a time to come, or "due now".
      expect(await summary.getByTestId("next-check").innerText()).toBeTruthy();
      await screenshot(list, "live-updates-list");
      await screenshot(summary, "live-updates-summary");

      // Put the demo back as it was for the other browser tests.
      await setModeAndCheck(control, summaryUrl, wasHealthy ? "healthy" : "down");
    } catch (error) {
      await screenshot(summary, "failures/live-updates").catch(() => undefined);
      throw error;
    }
  }, 120_000);
});
