import { createHash, timingSafeEqual } from "node:crypto";

/**
 * True only for `Authorization: Bearer <secret>`; false when no secret is configured. Both sides are hashed first, so
 * the comparison takes the same time whatever the lengths and wherever they differ.
 */
export function hasBearerSecret(request: Request, secret: string | undefined): boolean {
  if (!secret) return false;
  const match = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "");
  if (!match) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(match[1]), digest(secret));
}
