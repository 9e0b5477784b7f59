import type { AuthTypeDef } from "@/lib/systems/types";

export const REDACTED = "[redacted]";
// Shorter values would shred ordinary words ("a", "ok") out of every message; such secrets are not worth protecting this way.
const MIN_SECRET_LENGTH = 3;

/**
 * Every form in which a secret could leak into text: as typed, URL-encoded, base64/base64url, and
 * inside an HTTP Basic pair with any other credential value (`user:secret` is one base64 blob,
 * in which the secret's own base64 does not appear).
 */
export function secretVariants(authType: AuthTypeDef, credentials: Readonly<Record<string, unknown>>): string[] {
  const values = (secret: boolean) =>
    authType.fields
      .filter((f) => f.secret === secret)
      .map((f) => credentials[f.key])
      .filter((v): v is string => typeof v === "string" && v.trim().length >= MIN_SECRET_LENGTH)
      .flatMap((v) => (v === v.trim() ? [v] : [v, v.trim()]));
  const secrets = values(true);
  const others = [...values(false), ...secrets];
  // Padding stripped: "=" only appears at the very end, so the unpadded form also matches inside longer text.
  const b64 = (s: string) => [Buffer.from(s).toString("base64"), Buffer.from(s).toString("base64url")].map((v) => v.replace(/=+$/, ""));
  const found = new Set<string>();
  for (const s of secrets) {
    [s, encodeURIComponent(s), ...b64(s)].forEach((v) => found.add(v));
    for (const o of others) [...b64(`${o}:${s}`), ...b64(`${s}:${o}`)].forEach((v) => found.add(v));
  }
  // Longest first so a Basic blob is replaced whole before any shorter piece of it.
  return [...found].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** Replaces every variant in `text`. */
export function redact(text: string, variants: string[]): string {
  let out = text;
  for (const v of variants) out = out.split(v).join(REDACTED);
  return out;
}
