import type { z } from "zod";
import type { Db } from "@/db";
import { deleteExpiredAccountLinks, findAccountLinkByTokenHash, takeAccountLink } from "@/db/queries/account-links";
import { reserveSignInAttempt } from "@/db/queries/sign-in-attempts";
import { findUserByEmail, setPasswordHash } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { appUrl } from "@/lib/web/app-url";
import { issueAccountLink } from "./account-link-mail";
import { hashLinkToken, isLinkToken } from "./link-token";
import { throttledError } from "./throttle";
import type { forgotPasswordSchema, setPasswordSchema } from "./schemas";

/** How long a password reset link works. */
export const RESET_LINK_MINUTES = 30;
/** Reset e-mails per address typed, per window: counted for unknown addresses exactly as for known ones. */
const PER_EMAIL = { limit: 3, windowMinutes: 60 } as const;
/** Requests per client address, per window, whatever the e-mail typed (like the sign-in throttle's address level). */
const PER_ADDRESS = { limit: 20, windowMinutes: 15 } as const;

/** What the form says after every accepted request, whether or not the address has an account. */
export const FORGOT_PASSWORD_ANSWER = `If an account uses that address, we have e-mailed it a link to choose a new password. The link works once, for ${RESET_LINK_MINUTES} minutes.`;

/**
 * "Forgot your password?": e-mails a single-use link to an active account with that address. The answer never tells
 * whether the address has an account: an unknown address, an invited user who has not joined yet, and an address over
 * its mail limit all get the same answer as a known one. Only too many requests from one client address are refused.
 */
export async function requestPasswordReset(
  db: Db,
  input: z.output<typeof forgotPasswordSchema> & { address: string },
): Promise<void> {
  const perAddress = await reserveSignInAttempt(db, { key: `reset-address:${input.address}`, ...PER_ADDRESS });
  if (!perAddress.ok) throw throttledError(perAddress.retryAfterMs);
  const email = input.email.toLowerCase();
  const perEmail = await reserveSignInAttempt(db, { key: `reset-link:${email}`, ...PER_EMAIL });
  if (!perEmail.ok) return; // the earlier links keep working; nothing more is sent
  await deleteExpiredAccountLinks(db);
  const user = await findUserByEmail(db, email);
  if (!user || user.invitedAt) return;
  await db.transaction((tx) =>
    issueAccountLink(
      tx,
      { orgId: user.orgId, userId: user.id, purpose: "password_reset", validMinutes: RESET_LINK_MINUTES },
      (link) => ({
        subject: "[Patchbay] Choose a new password",
        text: [
          `Someone (we hope you) asked to reset the Patchbay password of ${user.email}.`,
          "",
          `To choose a new password, open this link within ${RESET_LINK_MINUTES} minutes. It works once:`,
          link,
          "",
          "Choosing a new password signs you out everywhere else.",
          `If it was not you, ignore this e-mail: your password stays as it is. Sign in at ${appUrl("/login").toString()}.`,
        ].join("\n"),
      }),
    ),
  );
}

/** The account a reset link is for, while it works (the page asks for the new password before anything is done). */
export async function findPasswordResetByToken(db: Db, token: string): Promise<{ email: string } | undefined> {
  if (!isLinkToken(token)) return undefined;
  const link = await findAccountLinkByTokenHash(db, { tokenHash: hashLinkToken(token), purpose: "password_reset" });
  return link && { email: link.email };
}

/**
 * Uses a reset link: sets the new password and ends every session of the user (their session version moves on), in
 * one transaction. Signs nobody in. Answers undefined, changing nothing, for an unknown, used or expired link.
 */
export async function resetPassword(
  db: Db,
  input: z.output<typeof setPasswordSchema>,
): Promise<{ email: string } | undefined> {
  if (!isLinkToken(input.token)) return undefined;
  const tokenHash = hashLinkToken(input.token);
  // A link that does not work costs no password hashing (the take below decides, under concurrency).
  if (!(await findAccountLinkByTokenHash(db, { tokenHash, purpose: "password_reset" }))) return undefined;
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const link = await takeAccountLink(tx, { tokenHash, purpose: "password_reset" });
    if (!link) return undefined;
    await setPasswordHash(tx, { userId: link.userId, passwordHash });
    return { email: link.email };
  });
}
