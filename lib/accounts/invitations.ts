import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Db } from "@/db";
import { findAccountLinkByTokenHash, takeAccountLink } from "@/db/queries/account-links";
import { lockUser, setPasswordHash } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { appUrl } from "@/lib/web/app-url";
import { issueAccountLink } from "./account-link-mail";
import { hashLinkToken, isLinkToken } from "./link-token";
import type { resendInvitationSchema, setPasswordSchema } from "./schemas";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** A password nobody knows: an invited user's row has a real hash, so no code path can sign in with an empty one. */
export const unusablePasswordHash = () => hashPassword(randomBytes(32).toString("base64url"));

/** Queues the invitation e-mail of a user (replacing any earlier invitation link). Call inside the user's transaction. */
export function sendInvitation(
  tx: Parameters<typeof issueAccountLink>[0],
  p: { orgId: string; orgName: string; userId: string; name: string; invitedBy: string },
) {
  return issueAccountLink(
    tx,
    { orgId: p.orgId, userId: p.userId, purpose: "invitation", validMinutes: INVITATION_DAYS * 24 * 60 },
    (link) => ({
      subject: `[Patchbay] ${p.invitedBy} invited you to ${p.orgName}`,
      text: [
        `Hello ${p.name},`,
        "",
        `${p.invitedBy} invited you to ${p.orgName} on Patchbay, where the team watches its service connectors.`,
        "",
        `To join, open this link within ${INVITATION_DAYS} days and choose your password. It works once:`,
        link,
        "",
        `Afterwards, sign in at ${appUrl("/login").toString()}.`,
        "If you were not expecting this, ignore this e-mail: nobody can sign in to the account until the link is used.",
      ].join("\n"),
    }),
  );
}

/** Sends a new invitation link (the earlier one stops working); only for a user who has not joined yet. */
export async function resendInvitation(db: Db, actor: SessionUser, input: z.output<typeof resendInvitationSchema>) {
  if (!can(actor, "users.manage")) throw forbidden();
  await db.transaction(async (tx) => {
    const user = await lockUser(tx, { orgId: actor.orgId, userId: input.userId });
    if (!user) throw notFound("User");
    if (!user.invitedAt) throw new AppError("CONFLICT", `${user.name} has already joined; there is nothing to resend.`);
    await sendInvitation(tx, {
      orgId: actor.orgId,
      orgName: actor.orgName,
      userId: user.id,
      name: user.name,
      invitedBy: actor.name,
    });
  });
}

/** Who an invitation link is for, while it works (the page asks for a password before anything is done). */
export async function findInvitationByToken(
  db: Db,
  token: string,
): Promise<{ name: string; email: string; orgName: string } | undefined> {
  if (!isLinkToken(token)) return undefined;
  const link = await findAccountLinkByTokenHash(db, { tokenHash: hashLinkToken(token), purpose: "invitation" });
  return link && { name: link.name, email: link.email, orgName: link.orgName };
}

/**
 * Uses an invitation link: the user's chosen password is set and the account becomes active, in one transaction. Signs
 * nobody in (the user signs in next). Answers undefined, changing nothing, for an unknown, used or expired link.
 */
export async function acceptInvitation(
  db: Db,
  input: z.output<typeof setPasswordSchema>,
): Promise<{ email: string } | undefined> {
  if (!isLinkToken(input.token)) return undefined;
  const tokenHash = hashLinkToken(input.token);
  // A link that does not work costs no password hashing (the take below decides, under concurrency).
  if (!(await findAccountLinkByTokenHash(db, { tokenHash, purpose: "invitation" }))) return undefined;
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const link = await takeAccountLink(tx, { tokenHash, purpose: "invitation" });
    if (!link) return undefined;
    await setPasswordHash(tx, { userId: link.userId, passwordHash });
    return { email: link.email };
  });
}
