import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { type MailServer, startMailServer } from "../integration/notifications/mail-server";
import { baseUrl, closeAll, launchBrowser, scenario, signIn } from "./browser";
import { acceptInvitation, finishSignUp } from "./sign-up-mail";

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

const password = "a long enough password";

/** A new organisation through the sign-up form and its e-mailed link, signed in on `page`; answers its administrator's e-mail. */
async function signUpFresh(page: Page, tag: string): Promise<string> {
  const email = `${tag}.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Organisation name").fill(`Org ${tag}`);
  await page.getByLabel("Your name").fill(`Admin ${tag}`);
  await page.getByLabel("Work e-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await page.getByText(/^Check your inbox/).waitFor();
  await finishSignUp(page, mail, email, `Org ${tag}`);
  await signIn(page, email, password);
  await page.waitForURL(/\/connectors$/);
  return email;
}

/** Another browser holding a copy of `from`'s cookies: the replayed session. */
async function replayIn(from: BrowserContext): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl });
  await context.addCookies(await from.cookies());
  return { context, page: await context.newPage() };
}

const holdsSessionCookie = async (context: BrowserContext) =>
  (await context.cookies()).some((c) => c.name.endsWith("next-auth.session-token"));
const sessionOf = async (page: Page) =>
  (await (await page.request.get("/api/auth/session")).json()) as { user?: { id?: string } };

describe("sessions end server-side (replayed cookie)", () => {
  it("after sign-out, a copied cookie opens no page, runs no server action, and /api/auth/session is empty", () =>
    scenario(browser, "replay-after-sign-out", async (page) => {
      const email = await signUpFresh(page, "replay");
      const thief = await replayIn(page.context());
      try {
        await thief.page.goto("/settings/password");
        await thief.page.getByRole("heading", { name: "Your password" }).waitFor();
        expect((await sessionOf(thief.page)).user?.id).toBeTruthy();
        const exportBefore = await thief.page.request.get("/sync-reports/export", { maxRedirects: 0 });
        expect(exportBefore.status()).toBe(200);

        await page.getByRole("button", { name: "Sign out" }).click();
        await page.waitForURL(/\/login/);

        // The server action, posted from the page the thief still has open, with the copied cookie.
        await thief.page.getByLabel("Current password").fill(password);
        await thief.page.getByLabel("New password").fill("the thief's password");
        await thief.page.getByRole("button", { name: "Change password" }).click();
        await thief.page.waitForURL(/\/login/);
        expect(await holdsSessionCookie(thief.context)).toBe(true);
        // A route handler that reads the session (the CSV export) refuses it too.
        const exportAfter = await thief.page.request.get("/sync-reports/export", { maxRedirects: 0 });
        expect(exportAfter.status()).toBe(307);
        expect(exportAfter.headers().location).toMatch(/\/login\?/);
        await thief.page.goto("/connectors");
        await thief.page.waitForURL(/\/login/);
        await thief.page.getByRole("heading", { name: "Sign in" }).waitFor();
        expect(await holdsSessionCookie(thief.context)).toBe(true);
        // Last, as it clears the cookie: next-auth's own endpoint answers no session.
        expect(await sessionOf(thief.page)).toEqual({});

        // The password did not change: the owner signs in with the old one.
        await signIn(page, email, password);
        await page.waitForURL(/\/connectors$/);
      } finally {
        await thief.context.close();
      }
    }));

  it("a password change signs out every other device; the device it was made on stays signed in", () =>
    scenario(browser, "replay-after-password-change", async (page) => {
      await signUpFresh(page, "pwchange");
      const other = await replayIn(page.context());
      try {
        await page.goto("/settings/password");
        await page.getByLabel("Current password").fill(password);
        await page.getByLabel("New password").fill("a brand new password");
        await page.getByRole("button", { name: "Change password" }).click();
        await page.getByText("Password changed. You were signed out everywhere else.").waitFor();
        await other.page.goto("/connectors");
        await other.page.waitForURL(/\/login/);
        expect(await holdsSessionCookie(other.context)).toBe(true);
        expect(await sessionOf(other.page)).toEqual({});
        await page.goto("/connectors");
        await page.waitForURL(/\/connectors$/);
      } finally {
        await other.context.close();
      }
    }));

  it("a removed user's cookie opens nothing; /login and /signup then show their forms", () =>
    scenario(browser, "removed-user", async (page) => {
      await signUpFresh(page, "remover");
      const memberEmail = `member.${Date.now()}@example.com`;
      await page.goto("/settings/users");
      const form = page.getByRole("form", { name: "Invite a user" });
      await form.getByLabel("Name").fill("Mo Member");
      await form.getByLabel("E-mail").fill(memberEmail);
      await form.getByRole("button", { name: "Send invitation" }).click();
      await page.getByTestId(`user-${memberEmail}`).waitFor();

      const member = await browser.newContext({ baseURL: baseUrl });
      try {
        const mp = await member.newPage();
        await acceptInvitation(mp, mail, memberEmail, password);
        await signIn(mp, memberEmail, password);
        await mp.waitForURL(/\/connectors$/);

        const row = page.getByTestId(`user-${memberEmail}`);
        await row.getByRole("button", { name: "Remove…" }).click();
        await row.getByRole("button", { name: "Remove user" }).click();
        await row.waitFor({ state: "detached" });

        await mp.goto("/connectors");
        await mp.waitForURL(/\/login/);
        expect(await holdsSessionCookie(member)).toBe(true);
        // /login and /signup with the removed user's cookie show their forms (no redirect loop, no error).
        for (const path of ["/login", "/signup"]) {
          const res = await mp.goto(path);
          expect(res?.status()).toBe(200);
          expect(new URL(mp.url()).pathname).toBe(path);
        }
        expect(await sessionOf(mp)).toEqual({});
      } finally {
        await member.close();
      }
    }));
});

describe("sign-in pages and redirects", () => {
  it("GET /login and /signup for a signed-in user go to the connectors (no error), whatever the callbackUrl", () =>
    scenario(browser, "signed-in-login", async (page) => {
      await signIn(page, DEMO_USERS[0].email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors$/);
      for (const path of [
        "/login",
        "/signup",
        "/login?callbackUrl=%2F%2Fevil.example",
        "/login?callbackUrl=/%5Cevil.example&callbackUrl=x",
      ]) {
        const res = await page.goto(path);
        expect(res?.status()).toBe(200);
        expect(page.url()).toBe(`${baseUrl}/connectors`);
      }
      const res = await page.goto("/login?callbackUrl=%2Fsettings%2Fusers");
      expect(res?.status()).toBe(200);
      expect(page.url()).toBe(`${baseUrl}/settings/users`);
    }));

  it.each([
    "/%5C127.0.0.2:18080/pwned",
    "/%09/127.0.0.2:18080/pwned",
    "/%5C%5C127.0.0.2:18080/pwned",
    "//127.0.0.2:18080/pwned",
    "%2F%2F127.0.0.2:18080/pwned",
    "/%255C127.0.0.2:18080/pwned",
    "http%3A%2F%2F127.0.0.2%3A18080%2Fpwned",
    "javascript:alert(1)",
  ])("signing in with callbackUrl=%s lands on the app", (callbackUrl) =>
    scenario(browser, `hostile-callback-${callbackUrl}`, async (page) => {
      const left: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(baseUrl)) left.push(r.url());
      });
      await page.goto(`/login?callbackUrl=${callbackUrl}`);
      await page.getByLabel("E-mail").fill(DEMO_USERS[1].email);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${baseUrl}/connectors`);
      expect(left).toEqual([]);
    }),
  );

  it("guesses with a new X-Forwarded-For each are counted for the real address: the right password is refused after the limit", () =>
    scenario(browser, "throttle-rotating-xff", async (page) => {
      const email = await signUpFresh(page, "throttle");
      const api = page.request;
      const attempt = async (pw: string, i: number) => {
        const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
        const res = await api.post("/api/auth/callback/credentials", {
          form: { csrfToken, email, password: pw, json: "true" },
          headers: {
            "x-forwarded-for": `203.0.113.${i}`,
            "x-real-ip": `198.51.100.${i}`,
            "x-patchbay-peer": `forged 192.0.2.${i}`,
          },
        });
        return new URL(((await res.json()) as { url: string }).url, baseUrl).searchParams.get("error");
      };
      const errors: (string | null)[] = [];
      for (let i = 0; i < 8; i++) errors.push(await attempt(`guess number ${i}`, i));
      expect(errors.slice(0, 5)).toEqual(Array(5).fill("E-mail or password is incorrect."));
      expect(errors.slice(5).every((e) => /^Too many failed sign-ins\./.test(e ?? ""))).toBe(true);
      expect(await attempt(password, 99)).toMatch(/^Too many failed sign-ins\./);
    }));
});
