import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { insertAccountMail, insertSignUpMail } from "@/db/queries/outbox";
import {
  deleteExpiredPendingSignUps,
  findPendingSignUpByTokenHash,
  takePendingSignUp,
  upsertPendingSignUp,
} from "@/db/queries/pending-sign-ups";
import { reserveSignInAttempt } from "@/db/queries/sign-in-attempts";
import { insertCompanyGroup } from "@/db/queries/company-groups";
import { insertOrganisation } from "@/db/queries/organisations";
import { findUserByEmail, insertUsers } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { appUrl } from "@/lib/web/app-url";
import type { signUpSchema } from "./schemas";
import { hashLinkToken, LINK_TOKEN, newLinkToken } from "./link-token";
import { throttledError } from "./throttle";
import { encryptSignUpMailText } from "./sign-up-mail";

/** How long a sign-up link works. */
export const SIGN_UP_LINK_HOURS = 24;
/** Per address and per this many minutes: at most one "someone tried to sign up with your address" e-mail, and at most
 *  LINKS_PER_WINDOW sign-up links (a typo can be retried, nobody can mail-bomb an address). */
const MAIL_WINDOW_MINUTES = 60;
const LINKS_PER_WINDOW = 3;
/** Sign-ups per client address, per window, whatever the addresses typed: each one costs a password hash and sends an
 *  e-mail with a name the visitor chose, so one client must not be able to send them to address after address. */
const PER_CLIENT = { limit: 20, windowMinutes: 60 } as const;

const TOKEN = LINK_TOKEN;
const hashToken = hashLinkToken;

/** What the sign-up form says once a sign-up is accepted, whatever the address (nothing here tells whether it has an account). */
export const signUpAnswer = (input: { email: string; organisationName: string }) =>
  `Check your inbox: we sent a link to ${input.email} to finish creating ${input.organisationName}. The link works for ${SIGN_UP_LINK_HOURS} hours.`;

/**
 * Starts a sign-up. Nothing is created in organisations or users: a new address gets a pending sign-up and an e-mail
 * with a single-use link (confirmSignUp finishes it); an address that already has an account gets no pending sign-up
 * and its owner is told by e-mail. Both take the same work (the password is hashed either way) and get the same
 * answer, so sign-up never tells whether an address is registered. `address` is the client's, as the sign-in
 * throttle counts it: too many sign-ups from one are refused before any of that work.
 */
export async function signUp(db: Db, input: z.output<typeof signUpSchema> & { address: string }): Promise<void> {
  const perClient = await reserveSignInAttempt(db, { key: `sign-up-address:${input.address}`, ...PER_CLIENT });
  if (!perClient.ok) throw throttledError(perClient.retryAfterMs);
  await deleteExpiredPendingSignUps(db);
  const existing = await findUserByEmail(db, input.email);
  const passwordHash = await hashPassword(input.password);
  if (existing) await tellOwner(db, existing);
  else await sendSignUpLink(db, { ...input, passwordHash });
}

async function sendSignUpLink(
  db: Db,
  p: { organisationName: string; name: string; email: string; passwordHash: string },
) {
  const allowed = await reserveSignInAttempt(db, {
    key: `sign-up-link:${p.email.toLowerCase()}`,
    limit: LINKS_PER_WINDOW,
    windowMinutes: MAIL_WINDOW_MINUTES,
  });
  // Over the limit: the earlier link keeps working, and nothing is replaced or sent.
  if (!allowed.ok) return;
  const token = newLinkToken();
  const id = randomUUID();
  const link = appUrl(`/signup/confirm?token=${token}`).toString();
  const text = [
    `Someone (we hope you) asked to create the Patchbay organisation "${p.organisationName}" with this e-mail address.`,
    "",
    `To finish, open this link within ${SIGN_UP_LINK_HOURS} hours:`,
    link,
    "",
    "If it was not you, ignore this e-mail: nothing is created unless the link is used.",
  ].join("\n");
  await db.transaction(async (tx) => {
    await upsertPendingSignUp(tx, { id, ...p, tokenHash: hashToken(token), validHours: SIGN_UP_LINK_HOURS });
    await insertSignUpMail(tx, {
      pendingId: id,
      subject: "[Patchbay] Finish creating your organisation",
      encryptedText: encryptSignUpMailText(id, text),
    });
  });
}

async function tellOwner(db: Db, owner: { id: string; orgId: string; email: string }) {
  const once = await reserveSignInAttempt(db, {
    key: `sign-up-notice:${owner.email.toLowerCase()}`,
    limit: 1,
    windowMinutes: MAIL_WINDOW_MINUTES,
  });
  if (!once.ok) return;
  await insertAccountMail(db, {
    orgId: owner.orgId,
    userId: owner.id,
    subject: "[Patchbay] Someone tried to sign up with your e-mail address",
    text: [
      `Someone tried to create a new Patchbay organisation with your e-mail address (${owner.email}).`,
      "Nothing was created and your account was not changed.",
      "",
      `If it was you: you already have an account. Sign in at ${appUrl("/login").toString()}.`,
      "If it was not you, there is nothing to do.",
    ].join("\n"),
  });
}

/** The organisation a sign-up link would create, while the link still works (the page asks before anything is done). */
export async function findSignUpByToken(db: Db, token: string): Promise<{ organisationName: string } | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const pending = await findPendingSignUpByTokenHash(db, hashToken(token));
  return pending && { organisationName: pending.organisationName };
}

/**
 * Follows a sign-up link: uses up its pending sign-up and creates the organisation, its default company group and
 * its administrator, in one transaction. Answers undefined, creating nothing, for an unknown, used or expired token
 * and for an address that got an account in the meantime (no difference between them).
 */
export async function confirmSignUp(
  db: Db,
  token: string,
): Promise<{ orgId: string; userId: string; email: string } | undefined> {
  if (!TOKEN.test(token)) return undefined;
  try {
    return await db.transaction(async (tx) => {
      const pending = await takePendingSignUp(tx, hashToken(token));
      // The address got an account since: the link is used up (the delete commits) and nothing is created.
      if (!pending || (await findUserByEmail(tx, pending.email))) return undefined;
      return { ...(await createOrganisationWithAdmin(tx, pending)), email: pending.email };
    });
  } catch (error) {
    // An account for the address was created concurrently: the unique index decides, the whole transaction rolls back.
    if (isUniqueViolation(error, "users_email_uq")) return undefined;
    throw error;
  }
}

/** An organisation, its default company group and its administrator (call inside a transaction). */
export async function createOrganisationWithAdmin(
  tx: DbOrTx,
  p: { organisationName: string; name: string; email: string; passwordHash: string },
) {
  const org = await insertOrganisation(tx, { name: p.organisationName });
  await insertCompanyGroup(tx, { orgId: org.id, name: "Default", isDefault: true });
  const [user] = await insertUsers(tx, [
    { orgId: org.id, email: p.email, name: p.name, passwordHash: p.passwordHash, role: "administrator" },
  ]);
  return { orgId: org.id, userId: user.id };
}
