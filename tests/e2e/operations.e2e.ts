import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { closeAll, launchBrowser, scenario, screenshot, signIn } from "./browser";

/**
 * Operations in production form: a manager pauses a connector and the list and summary say so; a bulk "Check now"
 * reports per connector (the paused one skipped, with why); a sandbox connector that starts rejecting its key opens an
 * incident, listed on the Incidents page, linked from the summary's timeline and downloadable as CSV.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await closeAll(browser);
});

const admin = DEMO_USERS[0];
const manager = DEMO_USERS.find((u) => u.role === "manager")!;
const PAUSED = "Veeqo"; // demo data: live
const CHECKED = "Sandbox store"; // demo data: live, answered by the built-in sandbox vendor
const FAILING = "Sandbox store (testing)"; // demo data: test

async function openConnector(page: Page, name: string, tab: "live" | "test") {
  await page.goto(`/connectors?tab=${tab}`);
  await page.getByRole("link", { name, exact: true }).click();
  await page.waitForURL(/\/connectors\/[0-9a-f-]{36}$/);
  return page.url();
}

describe("operations", () => {
  it(
    "a manager pauses a connector, sees Paused on its tile and summary, and a bulk check reports each connector",
    () =>
      scenario(browser, "operations-pause-bulk", async (page) => {
        await signIn(page, manager.email, DEMO_PASSWORD);
        await page.waitForURL(/\/connectors/);
        const summaryUrl = await openConnector(page, PAUSED, "live");
        await page.goto(`${summaryUrl}/settings`);
        const pause = page.getByRole("form", { name: "Pause checks" });
        await pause.getByLabel("Reason").fill("Vendor migration");
        await pause.getByRole("button", { name: "Pause checks" }).click();
        await page
          .getByTestId("pause-details")
          .getByText(/Vendor migration/)
          .waitFor();
        await screenshot(page, "maintenance-panel");

        await page.goto(summaryUrl);
        const state = page.getByTestId("maintenance-state");
        await state.getByText("Paused", { exact: true }).waitFor();
        await state.getByText("Vendor migration").waitFor();

        await page.goto("/connectors?tab=live");
        const tile = page.getByTestId(`tile-${PAUSED}`);
        await tile.getByText("Paused", { exact: true }).waitFor();
        await tile.getByText("Vendor migration").waitFor();

        await page.getByLabel(`Select ${PAUSED}`).check();
        await page.getByLabel(`Select ${CHECKED}`).check();
        await page.getByText("2 selected").waitFor();
        await page
          .getByRole("form", { name: "Act on selected connectors" })
          .getByRole("button", { name: "Check now" })
          .click();
        const result = page.getByTestId("bulk-result");
        await result.getByText("1 of 2 done, 1 skipped.").waitFor({ timeout: 30_000 });
        const lines = await result.getByRole("listitem").allInnerTexts();
        expect(lines).toEqual(
          expect.arrayContaining([
            expect.stringMatching(new RegExp(`^Done: ${CHECKED} — Checked: `)),
            expect.stringMatching(
              new RegExp(`^Skipped: ${PAUSED} — Checks of this connector are paused \\(Vendor migration\\)`),
            ),
          ]),
        );
        await screenshot(page, "bulk-actions");
      }),
    120_000,
  );

  it(
    "a failing connector's incident is listed, linked from its timeline, and downloads as CSV",
    () =>
      scenario(browser, "operations-incidents", async (page) => {
        await signIn(page, admin.email, DEMO_PASSWORD);
        await page.waitForURL(/\/connectors/);
        const summaryUrl = await openConnector(page, FAILING, "test");
        await page.goto(`${summaryUrl}/settings`);
        const sandbox = page.getByRole("form", { name: `Sandbox behaviour of ${FAILING}` });
        await sandbox.getByLabel(`Sandbox behaviour of ${FAILING}`).selectOption("rejecting");
        await sandbox.getByRole("button", { name: "Apply" }).click();
        await sandbox.getByText("Sandbox behaviour changed").waitFor();

        await page.goto(summaryUrl);
        await page.getByTestId("status-banner").getByRole("button", { name: "Check now" }).click();
        await page
          .getByTestId("status-banner")
          .getByText(/^Checked: /)
          .waitFor({ timeout: 30_000 });
        await page.reload();
        await page.getByRole("link", { name: "View incident" }).first().click();
        await page.waitForURL(/\/incidents\?connector=[0-9a-f-]{36}#incident-\d+$/);
        const anchor = new URL(page.url()).hash.slice(1);
        const row = page.locator(`tr#${anchor}`);
        await row.getByRole("link", { name: FAILING }).waitFor();
        await row.getByText("Ongoing").waitFor();
        await row.getByText("Failed Authentication").waitFor();
        await screenshot(page, "incidents");

        await page.getByRole("link", { name: "Show every connector" }).click();
        await page.waitForURL(/\/incidents$/);
        await page.getByTestId("incident").filter({ hasText: FAILING }).first().waitFor();

        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("link", { name: "Download CSV" }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^incidents_\d{4}-\d{2}-\d{2}\.csv$/);
        const csv = fs.readFileSync(await download.path(), "utf8");
        expect(csv.split("\r\n")[0]).toBe(
          "\uFEFFIncident id,Connector,System,Environment,Status,Reason,Message,Started,Ended,Started (UTC),Ended (UTC),Duration,Failed syncs",
        );
        expect(csv).toMatch(
          new RegExp(
            `\\r\\n${anchor.replace("incident-", "")},"?${FAILING.replace(/[()]/g, "\\$&")}"?,Patchbay Sandbox,Testing,Failed Authentication,.*,Ongoing,`,
          ),
        );
      }),
    120_000,
  );
});
