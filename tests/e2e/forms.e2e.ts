import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { baseUrl, closeAll, launchBrowser, scenario, screenshot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => closeAll(browser));

const admin = DEMO_USERS[0];

/** Whether the element is focused and drawn inside the viewport. */
const focusedInView = (page: Page, id: string) =>
  page.evaluate((target) => {
    const el = document.getElementById(target);
    if (!el || document.activeElement !== el) return false;
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  }, id);

describe("forms tell the truth, in a real browser", () => {
  it("a saved sandbox behaviour stays shown after the save, without a reload", () =>
    scenario(browser, "forms-sandbox-mode", async (page) => {
      await signIn(page, admin.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors/);
      await page.getByRole("link", { name: "Settings of Sandbox store", exact: true }).click();
      const form = page.getByRole("form", { name: "Sandbox behaviour of Sandbox store" });
      const select = form.getByLabel("Sandbox behaviour of Sandbox store");
      await select.selectOption("down");
      await form.getByRole("button", { name: "Apply" }).click();
      await form.getByText(/Saved|sandbox/i).waitFor();
      await page.waitForTimeout(500); // React resets the form after the action: the saved value must survive it
      expect(await select.inputValue()).toBe("down");
      await select.selectOption("healthy"); // a change makes "Saved." untrue: it goes
      expect(await form.getByText("Saved.").count()).toBe(0);
    }));

  it("the wizard shows its errors in view with focus on them, checks the one-per-group rule on the General step", () =>
    scenario(browser, "forms-wizard-errors", async (page) => {
      await signIn(page, admin.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors/);
      await page.goto("/connectors/new");
      await page.getByRole("button", { name: "Next →" }).click();
      await page.getByText("Choose a system.").waitFor();
      expect(await focusedInView(page, "field-systemId-error")).toBe(true);

      // The Default group already holds a live Sandbox connector: said on the General step, before any credentials.
      await page.getByLabel("Search systems").fill("sandbox");
      await page.getByText("Patchbay Sandbox", { exact: false }).first().click();
      await page.getByRole("button", { name: "Next →" }).click();
      await page.getByLabel("Name", { exact: true }).fill("Sandbox store");
      await page.getByRole("button", { name: "Next →" }).click();
      await page.getByText(/already has a live .* connector, "Sandbox store"/).waitFor();
      await page.getByText("Another connector already has this name", { exact: false }).waitFor();
      expect(await focusedInView(page, "field-name")).toBe(true);
      await screenshot(page, "wizard-general-errors");
    }));

  it("defaults the zone to the browser's (Europe/Kiev, shown as Europe/Kyiv), saves an Inbound API connector and confirms it", async () => {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1280, height: 860 },
      timezoneId: "Europe/Kiev", // the old name: the wizard shows and stores the current one
    });
    const page = await context.newPage();
    try {
      await signIn(page, admin.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors/);
      await page.goto("/connectors/new");
      await page.getByLabel("Search systems").fill("inbound");
      await page.getByText("Inbound API", { exact: true }).click();
      await page.getByRole("button", { name: "Next →" }).click();
      await page.getByLabel("Name", { exact: true }).fill("Partner feed");
      await page.getByRole("button", { name: "Next →" }).click();
      await page.locator("#wizard-zone-selected").getByText("Europe/Kyiv").waitFor();
      await page.getByRole("button", { name: "Next →" }).click();
      await page.getByTestId("platform-managed").waitFor();
      expect(await page.getByText("The system is offline; save anyway").count()).toBe(0);
      expect(await page.getByLabel("Client ID").count()).toBe(0);
      await page.getByRole("button", { name: "Save connector" }).click();
      await page.waitForURL(/\/connectors\/[0-9a-f-]{36}\?created=1/);
      await page.getByRole("status").getByText("Partner feed").waitFor();
      await page.locator("header").getByText("times in Europe/Kyiv").waitFor();
      await screenshot(page, "connector-created");

      // The old name is accepted too, and stored under the current one.
      await page.getByRole("navigation", { name: "Connector" }).getByRole("link", { name: "Settings" }).click();
      const general = page.getByRole("form", { name: "General settings" });
      await general.getByLabel("Time zone").fill("Asia/Calcutta");
      await general.getByRole("button", { name: "Save general settings" }).click();
      await page.locator("header").getByText("times in Asia/Kolkata").waitFor();

      // The other browser tests share the server and expect the demo connectors only (openapi.e2e.ts adds its own
      // Inbound API connector to the same company group; secrets.e2e.ts counts them): remove this one.
      await page.getByRole("button", { name: "Delete connector…" }).click();
      const confirm = page.getByRole("form", { name: "Confirm deletion" });
      await confirm.getByLabel(/Type/).fill("Partner feed");
      await confirm.getByRole("button", { name: "Delete connector" }).click();
      await page.waitForURL(/\/connectors\?deleted=/);
    } finally {
      await context.close();
    }
  });

  it("the list's overview filters on click, the filter is kept across tabs, and the search applies as you type", () =>
    scenario(browser, "forms-list-filters", async (page) => {
      await signIn(page, admin.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors/);
      const overview = page.getByRole("navigation", { name: "Status overview" });
      const first = overview.getByRole("link").first();
      const status = (await first.getAttribute("data-testid"))!.replace("overview-", "");
      const count = Number((await first.textContent())!.match(/\d+/)![0]);
      await first.click();
      await page.waitForURL(new RegExp(`status=${status}`));
      await overview.locator('[aria-current="true"]').waitFor();
      expect(await page.locator('[data-testid^="tile-"]').count()).toBe(count);
      expect(await page.getByTestId("list-count").textContent()).toMatch(new RegExp(`^Showing ${count} of \\d+`));

      await page
        .getByRole("navigation", { name: "Environment" })
        .getByRole("link", { name: /Testing/ })
        .click();
      await page.waitForURL(/tab=test/);
      expect(page.url()).toContain(`status=${status}`);
      await screenshot(page, "connectors-list-filtered");

      await page.getByRole("navigation", { name: "Environment" }).getByRole("link", { name: /Live/ }).click();
      await page.waitForURL(/tab=live/);
      await page.getByRole("button", { name: "Clear filters" }).click();
      await page.waitForURL((url) => !url.search.includes("status="));
      await page.getByLabel("Search by name").pressSequentially("Shopify", { delay: 40 });
      await page.waitForURL(/q=Shopify/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
      await page.getByTestId("tile-Shopify UK").waitFor();
      expect(await page.getByTestId("tile-NetSuite").count()).toBe(0);
    }));
});
