import { appKeyring } from "@/lib/crypto/credentials";
import { decryptString, encryptString } from "@/lib/crypto/secrets";

/**
 * The sign-up link's e-mail text waits in the outbox encrypted like credentials, bound to its pending sign-up, so the
 * database never holds a usable link in clear (the pending row keeps only the token's hash).
 */
const aadFor = (pendingId: string) => `pending-sign-up:${pendingId}:mail`;

export const encryptSignUpMailText = (pendingId: string, text: string) =>
  encryptString(appKeyring(), text, aadFor(pendingId));

export const decryptSignUpMailText = (pendingId: string, envelope: string) =>
  decryptString(appKeyring(), envelope, aadFor(pendingId));
