import { randomBytes } from "node:crypto";
import { appKeyring } from "@/lib/crypto/credentials";
import { decryptString, encryptString, envelopeKeyId } from "@/lib/crypto/secrets";

/**
 * Channel secrets (a webhook's signing secret, or a Slack or Teams channel's incoming-webhook URL). Signing secrets: generated here, shown once, stored as an AES-GCM envelope bound to the webhook's id
 * (a ciphertext copied onto another webhook row does not decrypt), with the same keys and rotation as credentials.
 */
const aadFor = (webhookId: string) => `webhook:${webhookId}`;

export const generateWebhookSecret = () => `whsec_${randomBytes(24).toString("base64url")}`;

export function encryptWebhookSecret(webhookId: string, secret: string) {
  const envelope = encryptString(appKeyring(), secret, aadFor(webhookId));
  return { secret: envelope, secretKeyId: envelopeKeyId(envelope) };
}

export function decryptWebhookSecret(webhookId: string, envelope: string): string {
  return decryptString(appKeyring(), envelope, aadFor(webhookId));
}
