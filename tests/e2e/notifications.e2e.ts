import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { type MailServer, type ReceivedMail, startMailServer } from "../integration/notifications/mail-server";
import { baseUrl, closeAll, launchBrowser, scenario, screenshot, signIn } from "./browser";

/**
 * The whole notification path in production form: an administrator sets up a group in the browser, the sandbox
 * vendor starts rejecting the connector's key, sweeps (the cron route, as Vercel Cron calls it) confirm the failure
 * and the e-mail reaches a real SMTP server on the port scripts/run-tests.mjs gave the app; then the recovery.
 */
const RECIPIENT = "outlet-oncall@example.test";
const CONNECTOR = "Outlet sandbox"; // demo data: America/New_York
let browser: Browser;
let mail: MailServer;

beforeAll(async () => {
  browser = await launchBrowser();
  mail = await startMailServer(Number(process.env.E2E_SMTP_PORT));
});
afterAll(async () => {
  await closeAll(browser, mail);
});

async function sweep() {
  const res = await fetch(`${baseUrl}/api/cron/health`, {
    headers: { authorization: `Bearer ${process.env.CRON_SECRET}` },
  });
  expect(res.status).toBe(200);
}

/** Sweeps until an e-mail to the group matches (the connector is re-checked every 30 s here); counts the sweeps. */
async function sweepUntilMail(match: (m: ReceivedMail) => boolean, timeoutMs = 110_000): Promise<ReceivedMail> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    await sweep();
    const found = mail.messages.find((m) => m.to.includes(RECIPIENT) && match(m));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 3_000));
  }
  throw new Error(
    `no matching e-mail; received: ${mail.messages.map((m) => `${m.to.join(",")}: ${m.subject}`).join(" | ")}`,
  );
}

async function setSandboxMode(page: Page, mode: string) {
  const form = page.getByRole("form", { name: `Sandbox behaviour of ${CONNECTOR}` });
  await form.getByLabel(`Sandbox behaviour of ${CONNECTOR}`).selectOption(mode);
  await form.getByRole("button", { name: "Apply" }).click();
  await form.getByText("Sandbox behaviour changed").waitFor();
}

describe("failure and recovery e-mails", () => {
  it(
    "an administrator's group hears when a connector fails and when it recovers",
    () =>
      scenario(browser, "notifications", async (page) => {
        await signIn(page, DEMO_USERS[0].email, DEMO_PASSWORD);
        await page.waitForURL(/\/connectors/);

        await page.goto("/settings/notifications");
        await page.getByLabel("Group name").fill("Outlet on-call");
        await page.getByRole("button", { name: "Create group" }).click();
        const add = page.getByRole("form", { name: "Add a recipient to Outlet on-call" });
        await add.waitFor();
        await add.getByLabel("or an e-mail address").fill(RECIPIENT);
        await add.getByRole("button", { name: "Add recipient" }).click();
        await page
          .getByRole("list", { name: "Recipients of Outlet on-call" })
          .getByRole("listitem")
          .filter({ hasText: RECIPIENT })
          .waitFor();
        await screenshot(page, "notification-groups");

        await page.goto("/connectors?tab=live");
        await page.getByRole("link", { name: CONNECTOR, exact: true }).click();
        await page.waitForURL(/\/connectors\/[0-9a-f-]{36}$/);
        const connectorUrl = page.url();
        await page.getByRole("navigation", { name: "Connector" }).getByRole("link", { name: "Settings" }).click();
        const choice = page.getByRole("form", { name: "Notification group" });
        await choice.getByLabel("Who is notified").selectOption({ label: "Outlet on-call" });
        await choice.getByRole("button", { name: "Save" }).click();
        await choice.getByText("Notification group saved.").waitFor();

        // Make sure the connector is Operational first, then the vendor starts rejecting its key.
        await sweep();
        await setSandboxMode(page, "rejecting");
        const down = await sweepUntilMail((m) => m.subject === `[Patchbay] ${CONNECTOR}: Failed Authentication`);
        expect(down.text).toContain(
          `${CONNECTOR} (Patchbay Sandbox, live) changed from Operational to Failed Authentication.`,
        );
        expect(down.text).toMatch(/Since: \d\d\/\d\d\/\d{4} \d\d:\d\d E[SD]T/);
        expect(down.text).toMatch(/What to check: .+/);
        expect(down.text).toContain(`Open the connector: ${connectorUrl}`);
        await page.goto(connectorUrl);
        await page.getByText("Failed Authentication").first().waitFor();

        await page.goto(`${connectorUrl}/settings`);
        await setSandboxMode(page, "healthy");
        const up = await sweepUntilMail((m) => m.subject === `[Patchbay] ${CONNECTOR} is Operational again`);
        expect(up.text).toContain("changed from Failed Authentication to Operational");
        expect(mail.messages.filter((m) => m.to.includes(RECIPIENT))).toHaveLength(2); // one each, nothing for the flap in between
      }),
    240_000,
  );
});
