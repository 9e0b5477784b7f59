import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db";
import { upsertAccountLink } from "@/db/queries/account-links";
import { insertAccountLinkMail } from "@/db/queries/outbox";
import type { AccountLinkPurpose } from "@/db/schema";
import { appKeyring } from "@/lib/crypto/credentials";
import { decryptString, encryptString } from "@/lib/crypto/secrets";
import { appUrl } from "@/lib/web/app-url";
import { hashLinkToken, newLinkToken } from "./link-token";

/**
 * A password link's e-mail waits in the outbox encrypted like credentials, bound to its link row (AAD), and is sent
 * only while that link is still the live one: a replaced, used or expired link's mail is dropped.
 */
const aadFor = (linkId: string) => `account-link:${linkId}:mail`;

export const decryptAccountLinkMailText = (linkId: string, envelope: string) =>
  decryptString(appKeyring(), envelope, aadFor(linkId));

/** Where each kind of link leads. */
export const LINK_PATHS: Record<AccountLinkPurpose, string> = {
  password_reset: "/reset-password",
  invitation: "/invitation",
};

/**
 * Stores a new link for the user (replacing their earlier one of that purpose) and queues its e-mail, in one
 * transaction when `tx` is one. `compose` writes the e-mail around the link.
 */
export async function issueAccountLink(
  tx: DbOrTx,
  p: { orgId: string; userId: string; purpose: AccountLinkPurpose; validMinutes: number },
  compose: (link: string) => { subject: string; text: string },
): Promise<void> {
  const token = newLinkToken();
  const id = randomUUID();
  const link = appUrl(`${LINK_PATHS[p.purpose]}?token=${token}`).toString();
  const mail = compose(link);
  await upsertAccountLink(tx, { id, ...p, tokenHash: hashLinkToken(token) });
  await insertAccountLinkMail(tx, {
    orgId: p.orgId,
    linkId: id,
    subject: mail.subject,
    encryptedText: encryptString(appKeyring(), mail.text, aadFor(id)),
  });
}
