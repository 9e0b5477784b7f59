import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures: HMAC-SHA256 over `${timestamp}.${body}` with the webhook's secret, sent as
 * `Patchbay-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is signed so a captured request cannot be replayed
 * later (receivers reject old ones); the format follows Stripe's, which most receivers already know how to check.
 */
export const SIGNATURE_HEADER = "Patchbay-Signature";
export const EVENT_ID_HEADER = "Patchbay-Event-Id";
export const EVENT_HEADER = "Patchbay-Event";

export function signPayload(secret: string, body: string, timestamp: number): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export function signatureHeader(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${signPayload(secret, body, timestamp)}`;
}

/** What a receiver does (the README shows the same in plain Node): constant-time compare, and a freshness window. */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  { toleranceS = 300, now = Date.now() } = {},
): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now / 1000 - t) > toleranceS) return false;
  const expected = Buffer.from(signPayload(secret, body, t), "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
