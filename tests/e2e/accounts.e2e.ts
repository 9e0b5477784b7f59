import type { Browser } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { type MailServer, startMailServer } from "../integration/notifications/mail-server";
import { baseUrl, closeAll, launchBrowser, scenario, screenshot, signIn } from "./browser";
import { acceptInvitation, accountLinkFor, finishSignUp, waitForMail } from "./sign-up-mail";

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
          expect(await page.getByRole("button", { name: "Send invitation" }).count()).toBe(0);
        }
        await page.goto("/services");
        await page.getByRole("heading", { name: "Services", level: 1 }).waitFor();
        expect(await page.getByText("Shopify UK orders to NetSuite").first().isVisible()).toBe(true);
      }));
  }

  it("an administrator invites a user, who joins through the e-mailed link; the last administrator cannot be demoted", () =>
    scenario(browser, "manage-users", async (page) => {
      const email = `new.${Date.now()}@example.com`;
      await signIn(page, DEMO_USERS[0].email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors$/);
      await page.goto("/settings/users");
      const form = page.getByRole("form", { name: "Invite a user" });
      expect(await form.getByLabel(/password/i).count()).toBe(0); // nobody types a password for someone else
      await form.getByLabel("Name").fill("Ned New");
      await form.getByLabel("Role").selectOption("manager");
      await form.getByRole("button", { name: "Send invitation" }).click();
      await page.locator("#field-email-error").waitFor();
      expect(await form.getByLabel("Name").inputValue()).toBe("Ned New");
      await form.getByLabel("E-mail").fill(email);
      await form.getByLabel("Role").selectOption("manager");
      await form.getByRole("button", { name: "Send invitation" }).click();
      await page.getByText(`Invitation sent to ${email}.`, { exact: false }).waitFor();
      const row = page.getByTestId(`user-${email}`);
      await row.waitFor();
      expect(await row.textContent()).toContain("Manager");
      expect(await row.getByText("Invited", { exact: true }).isVisible()).toBe(true);
      expect(await row.getByRole("button", { name: "Resend invitation" }).isVisible()).toBe(true);
      await screenshot(page, "users-page-invited");

      const invitee = await browser.newContext({ baseURL: baseUrl });
      try {
        const ip = await invitee.newPage();
        // Pending: no password signs the invited user in.
        await signIn(ip, email, "a long enough password");
        await ip.getByRole("alert").getByText("E-mail or password is incorrect.").waitFor();
        const link = await acceptInvitation(ip, mail, email, "ned's own password");
        await signIn(ip, email, "ned's own password");
        await ip.waitForURL(/\/connectors$/);
        expect(await ip.getByTestId("current-user").textContent()).toMatch(/Ned New.*Demo Retail Ltd.*Manager/);
        // The link works once.
        await ip.goto(link);
        await ip.getByRole("heading", { name: "This link no longer works" }).waitFor();
      } finally {
        await invitee.close();
      }
      await page.reload();
      await row.waitFor();
      expect(await row.getByText("Invited", { exact: true }).count()).toBe(0);
      expect(await row.getByRole("button", { name: "Resend invitation" }).count()).toBe(0);

      const adminRow = page.getByTestId(`user-${DEMO_USERS[0].email}`);
      await adminRow.getByLabel(/Role of/).selectOption("manager");
      await adminRow.getByRole("button", { name: "Change role" }).click();
      await adminRow.getByText("The last administrator cannot be demoted.", { exact: false }).waitFor();
      expect(await adminRow.textContent()).toContain("Administrator");
    }));

  it("resets a forgotten password through the e-mailed link: same answer for any address, single use, other sessions end", () =>
    scenario(browser, "forgot-password", async (page) => {
      const email = `forgetful.${Date.now()}@example.com`;
      await page.goto("/signup");
      await page.getByLabel("Organisation name").fill("Forgetful Ltd");
      await page.getByLabel("Your name").fill("Fay Forgetful");
      await page.getByLabel("Work e-mail").fill(email);
      await page.getByLabel("Password").fill("the first password");
      await page.getByRole("button", { name: "Create organisation" }).click();
      await finishSignUp(page, mail, email, "Forgetful Ltd");
      await signIn(page, email, "the first password");
      await page.waitForURL(/\/connectors$/); // this session should end when the password is reset

      const other = await browser.newContext({ baseURL: baseUrl });
      try {
        const op = await other.newPage();
        await op.goto("/login");
        await op.getByRole("link", { name: "Forgot your password?" }).click();
        await op.waitForURL(/\/forgot-password$/);
        const answer = "If an account uses that address, we have e-mailed it a link to choose a new password.";
        await op.getByLabel("E-mail").fill(`nobody.${Date.now()}@example.com`);
        await op.getByRole("button", { name: "Send me a link" }).click();
        await op.getByText(answer, { exact: false }).waitFor();
        const unknownAnswer = await op.getByRole("status").first().textContent();

        await op.goto("/forgot-password");
        await op.getByLabel("E-mail").fill(email.toUpperCase());
        await op.getByRole("button", { name: "Send me a link" }).click();
        await op.getByText(answer, { exact: false }).waitFor();
        expect(await op.getByRole("status").first().textContent()).toBe(unknownAnswer);
        await screenshot(op, "forgot-password-answer");

        const link = await accountLinkFor(mail, email, "/reset-password");
        await op.goto(link);
        await op.getByRole("heading", { name: "Choose a new password" }).waitFor();
        await op.getByLabel("New password").fill("short");
        await op.getByRole("button", { name: "Set new password" }).click();
        await op.locator("#field-password-error").getByText("Use at least 10 characters.").waitFor();
        await op.getByLabel("New password").fill("the second password");
        await op.getByRole("button", { name: "Set new password" }).click();
        await op.waitForURL(/\/login\?reset=1$/);
        await op.getByText("Your password was changed: sign in with the new one.").waitFor();

        await signIn(op, email, "the first password");
        await op.getByRole("alert").getByText("E-mail or password is incorrect.").waitFor();
        await signIn(op, email, "the second password");
        await op.waitForURL(/\/connectors$/);

        // Used once: the link is dead now.
        await op.goto(link);
        await op.getByRole("heading", { name: "This link no longer works" }).waitFor();
      } finally {
        await other.close();
      }
      // The session from before the reset has ended.
      await page.goto("/connectors");
      await page.waitForURL(/\/login/);
    }));
});
