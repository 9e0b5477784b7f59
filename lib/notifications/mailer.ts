import nodemailer, { type Transporter } from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

export interface Mailer {
  /** Resolves when the SMTP server accepted the message; rejects with its answer otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export const defaultMailFrom = () => env.MAIL_FROM ?? `Patchbay <no-reply@${new URL(env.APP_URL).hostname}>`;

/** Whether e-mail really leaves the server (the notifications page says so when it does not). */
export const isEmailConfigured = () => Boolean(env.SMTP_URL);

/** Whether an e-mail reaches anyone: through SMTP, or (development only) in the server log. Sign-up needs one. */
export const canDeliverMail = ({ smtpUrl = env.SMTP_URL, production = env.NODE_ENV === "production" } = {}) =>
  Boolean(smtpUrl) || !production;

export const SIGN_UP_NEEDS_MAIL =
  "Sign-up e-mails a link to finish it, and this Patchbay cannot send e-mail yet (SMTP_URL is not set). Ask whoever runs it to configure e-mail.";

/**
 * nodemailer on SMTP_URL. Without it, outside production, the message is written to the server log (subject,
 * recipients and text: it holds no secret) so development shows what would be sent; in production a missing
 * SMTP_URL is an error, so the outbox keeps the mail and retries instead of pretending it went out.
 */
export function createMailer({
  smtpUrl = env.SMTP_URL,
  from = defaultMailFrom(),
  production = env.NODE_ENV === "production",
} = {}): Mailer {
  if (!smtpUrl) {
    return {
      send(m) {
        if (production) return Promise.reject(new Error("E-mail is not configured (SMTP_URL is not set)."));
        log.info({ to: m.to, subject: m.subject, text: m.text }, "e-mail not sent (SMTP_URL not set)");
        return Promise.resolve();
      },
      close() {},
    };
  }
  // Short timeouts: a hung mail server must not hold a delivery run; the outbox retries later. (createTransport(url)
  // alone would drop these: it keeps only what the URL says.)
  const transport: Transporter = nodemailer.createTransport(
    new SMTPTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }),
  );
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
    close: () => transport.close(),
  };
}
