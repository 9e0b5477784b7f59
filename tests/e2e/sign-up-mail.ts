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
