import { createHash, randomBytes } from "node:crypto";

/**
 * Organisation API tokens: `pbk_` + 32 random bytes in base64url (43 characters). Only the SHA-256 hex digest is
 * stored; a fast hash is enough because the token has 256 bits of entropy (no dictionary to guess from), and it
 * lets a request find its token with one indexed lookup instead of a slow per-token compare.
 */
export const TOKEN_PREFIX = "pbk_";
const TOKEN_PATTERN = /^pbk_[A-Za-z0-9_-]{43}$/;
/** How much of the token lists show, enough to tell tokens apart and match one found in a config file. */
const DISPLAY_LENGTH = TOKEN_PREFIX.length + 8;

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function displayPrefix(token: string): string {
  return token.slice(0, DISPLAY_LENGTH);
}

/** Cheap shape check: junk in the Authorization header never reaches the database. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
