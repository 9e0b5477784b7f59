import type { Page } from "playwright-core";
import type { MailServer, ReceivedMail } from "../integration/notifications/mail-server";

/** Waits until `mail` (the SMTP server on E2E_SMTP_PORT, where the app sends) has received a message matching `match`. */
export async function waitForMail(
  mail: MailServer,
  match: (m: ReceivedMail) => boolean,
  timeoutMs = 30_000,
): Promise<ReceivedMail> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = mail.messages.find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `no matching e-mail; received: ${mail.messages.map((m) => `${m.to.join(",")}: ${m.subject}`).join(" | ")}`,
  );
}

/** The sign-up link e-mailed to `email` (the app delivers it right after the sign-up's answer). */
export async function signUpLinkFor(mail: MailServer, email: string): Promise<string> {
  const message = await waitForMail(
    mail,
    (m) => m.to.includes(email.toLowerCase()) && /\/signup\/confirm\?token=/.test(m.text),
  );
  return /(\S+\/signup\/confirm\?token=[A-Za-z0-9_-]+)/.exec(message.text)![1];
}

/** Opens the e-mailed link and presses its button: the organisation is created and the page asks to sign in. */
export async function finishSignUp(
  page: Page,
  mail: MailServer,
  email: string,
  organisationName: string,
): Promise<string> {
  const link = await signUpLinkFor(mail, email);
  await page.goto(link);
  await page.getByRole("button", { name: `Finish creating ${organisationName}` }).click();
  await page.waitForURL(/\/login\?ready=1$/);
  await page.getByText("Your organisation is ready: sign in.").waitFor();
  return link;
}

/** The newest password-reset or invitation link e-mailed to `email` that is not in `seen`. */
export async function accountLinkFor(
  mail: MailServer,
  email: string,
  path: "/reset-password" | "/invitation",
  seen: string[] = [],
): Promise<string> {
  const pattern = new RegExp(`(\\S+${path}\\?token=[A-Za-z0-9_-]+)`);
  const message = await waitForMail(mail, (m) => {
    const link = pattern.exec(m.text)?.[1];
    return m.to.includes(email.toLowerCase()) && !!link && !seen.includes(link);
  });
  return pattern.exec(message.text)![1];
}

/** Opens the e-mailed invitation, chooses the password and lands on sign-in ("Your password is set"). */
export async function acceptInvitation(page: Page, mail: MailServer, email: string, password: string): Promise<string> {
  const link = await accountLinkFor(mail, email, "/invitation");
  await page.goto(link);
  await page.getByLabel("New password").fill(password);
  await page.getByRole("button", { name: "Choose password and join" }).click();
  await page.waitForURL(/\/login\?joined=1$/);
  await page.getByText("Your password is set: sign in.").waitFor();
  return link;
}
