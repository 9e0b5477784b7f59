import type { Browser } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { type MailServer, startMailServer } from "../integration/notifications/mail-server";
import { closeAll, launchBrowser, scenario, screenshot, signIn } from "./browser";
import { finishSignUp, waitForMail } from "./sign-up-mail";

let browser: Browser;
// The app sends its e-mail to this port (scripts/run-tests.mjs): sign-up links arrive here.
let mail: MailServer;
beforeAll(async () => {
  browser = await launchBrowser();
  mail = await startMailServer(Number(process.env.E2E_SMTP_PORT));
});
afterAll(async () => {
  await closeAll(browser, mail);
});

const ROLE_LABEL = {
  administrator: "Administrator",
  manager: "Manager",
  user: "User",
  read_only: "Read-only",
} as const;

describe("accounts in a real browser", () => {
  it("a signed-out visitor is sent to sign-in", () =>
    scenario(browser, "signed-out-redirect", async (page) => {
      await page.goto("/settings/users");
      await page.waitForURL(/\/login\?callbackUrl=%2Fsettings%2Fusers/);
      expect(await page.getByRole("heading", { name: "Sign in" }).isVisible()).toBe(true);
    }));

  it("signs up a new organisation through the e-mailed link and lands in the shell as its administrator", () =>
    scenario(browser, "sign-up", async (page) => {
      const email = `founder.${Date.now()}@example.com`;
      await page.goto("/signup");
      await page.getByRole("button", { name: "Create organisation" }).click();
      await page.locator("#field-email-error").getByText("E-mail is required.").waitFor();
      expect(await page.locator("#field-organisationName-error").textContent()).toMatch(/at least 2 characters/);
      await page.getByLabel("Organisation name").fill("Northwind Cycles");
      await page.getByLabel("Your name").fill("Nora Founder");
      await page.getByLabel("Work e-mail").fill(email);
      await page.getByLabel("Password").fill("a long enough password");
      await page.getByRole("button", { name: "Create organisation" }).click();
      const answer = `Check your inbox: we sent a link to ${email} to finish creating Northwind Cycles. The link works for 24 hours.`;
      await page.getByText(answer).waitFor();
      // Nobody is signed in and nothing exists yet: signing in with the new address fails.
      expect(new URL(page.url()).pathname).toBe("/signup");
      await signIn(page, email, "a long enough password");
      await page.getByRole("alert").getByText("E-mail or password is incorrect.").waitFor();

      const link = await finishSignUp(page, mail, email, "Northwind Cycles");
      await signIn(page, email, "a long enough password");
      await page.waitForURL(/\/connectors$/);
      const who = page.getByTestId("current-user");
      await who.getByText("Nora Founder").waitFor();
      expect(await who.textContent()).toMatch(/Northwind Cycles.*Administrator/);
      expect(await page.getByText("No live connectors yet.").isVisible()).toBe(true);
      await screenshot(page, "signed-up-empty-connectors");

      // The link works once.
      await page.goto(link);
      await page.getByRole("heading", { name: "This link no longer works" }).waitFor();
      expect(await page.getByRole("button", { name: /Finish creating/ }).count()).toBe(0);

      // Signing up again with the same e-mail gets the very same answer (nothing tells a stranger the address is
      // registered), creates nothing and signs nobody in; the owner is told by e-mail, and no link is sent.
      await page.goto("/connectors");
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/login/);
      await page.goto("/signup");
      await page.getByLabel("Organisation name").fill("Northwind Cycles");
      await page.getByLabel("Your name").fill("Nora");
      await page.getByLabel("Work e-mail").fill(email);
      await page.getByLabel("Password").fill("some other password");
      await page.getByRole("button", { name: "Create organisation" }).click();
      await page.getByText(answer).waitFor();
      expect(new URL(page.url()).pathname).toBe("/signup");
      const notice = await waitForMail(mail, (m) => m.to.includes(email) && /Someone tried to sign up/.test(m.subject));
      expect(notice.text).not.toContain("some other password");
      expect(mail.messages.filter((m) => m.to.includes(email) && /signup\/confirm/.test(m.text))).toHaveLength(1);
      await signIn(page, email, "some other password");
      await page.getByRole("alert").getByText("E-mail or password is incorrect.").waitFor();
      await signIn(page, email, "a long enough password");
      await page.waitForURL(/\/connectors$/);
      expect(await page.getByTestId("current-user").textContent()).toMatch(/Northwind Cycles/);
    }));

  it("refuses a wrong password with one generic message", () =>
    scenario(browser, "wrong-password", async (page) => {
      await signIn(page, DEMO_USERS[0].email, "not the password");
      await page.getByRole("alert").getByText("E-mail or password is incorrect.").waitFor();
      expect(page.url()).toMatch(/\/login/);
    }));

  for (const user of DEMO_USERS) {
    it(`signs in as the demo ${user.role} and sees the shell`, () =>
      scenario(browser, `role-${user.role}`, async (page) => {
        await signIn(page, user.email, DEMO_PASSWORD);
        await page.waitForURL(/\/connectors$/);
        const who = page.getByTestId("current-user");
        await who.getByText(user.name).waitFor();
        expect(await who.textContent()).toContain("Demo Retail Ltd");
        expect(await who.textContent()).toContain(ROLE_LABEL[user.role]);
        for (const item of ["Connectors", "Services", "Sync reports", "Settings"]) {
          expect(
            await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: item }).isVisible(),
          ).toBe(true);
        }
        expect(await page.getByRole("link", { name: "Shopify UK", exact: true }).isVisible()).toBe(true);
        await page.goto("/settings/users");
        if (user.role === "administrator") {
          await page.getByRole("heading", { name: "Users" }).waitFor();
          expect(await page.getByTestId(`user-${user.email}`).isVisible()).toBe(true);
        } else {
          await page.getByText("You do not have access to the Users page.").waitFor();
          expect(await page.getByRole("button", { name: "Add user" }).count()).toBe(0);
        }
        await page.goto("/services");
        await page.getByRole("heading", { name: "Services", level: 1 }).waitFor();
        expect(await page.getByText("Shopify UK orders to NetSuite").first().isVisible()).toBe(true);
      }));
  }

  it("an administrator adds a user, changes a role, and cannot demote the last administrator", () =>
    scenario(browser, "manage-users", async (page) => {
      const email = `new.${Date.now()}@example.com`;
      await signIn(page, DEMO_USERS[0].email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors$/);
      await page.goto("/settings/users");
      const form = page.getByRole("form", { name: "Add a user" });
      await form.getByLabel("Name").fill("Ned New");
      await form.getByLabel("E-mail").fill(email);
      await form.getByLabel("Role").selectOption("manager");
      await form.getByLabel("Initial password").fill("short");
      await form.getByRole("button", { name: "Add user" }).click();
      await page.locator("#field-password-error").getByText("Use at least 10 characters.").waitFor();
      expect(await form.getByLabel("E-mail").inputValue()).toBe(email);
      await form.getByLabel("Initial password").fill("a long enough password");
      await form.getByRole("button", { name: "Add user" }).click();
      await page.getByText(`Ned New can now sign in as ${email}.`).waitFor();
      const row = page.getByTestId(`user-${email}`);
      await row.waitFor();
      expect(await row.textContent()).toContain("Manager");
      await screenshot(page, "users-page");

      const adminRow = page.getByTestId(`user-${DEMO_USERS[0].email}`);
      await adminRow.getByLabel(/Role of/).selectOption("manager");
      await adminRow.getByRole("button", { name: "Change role" }).click();
      await adminRow.getByText("The last administrator cannot be demoted.", { exact: false }).waitFor();
      expect(await adminRow.textContent()).toContain("Administrator");
    }));
});
