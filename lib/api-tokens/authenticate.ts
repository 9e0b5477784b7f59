import type { Db } from "@/db";
import { findLiveTokenByHash, touchApiToken } from "@/db/queries/api-tokens";
import { logError } from "@/lib/log";
import { hashToken, looksLikeToken } from "./token";

const TOUCH_EVERY_MS = 60_000;

/**
 * The organisation a bearer token acts for, or null (missing, malformed, unknown or revoked: callers must not tell
 * these apart). The lookup is by SHA-256 digest, so comparing secrets never happens in JavaScript.
 */
export async function authenticateToken(
  db: Db,
  bearer: string | null | undefined,
): Promise<{ orgId: string; tokenId: string } | null> {
  if (!bearer || !looksLikeToken(bearer)) return null;
  // No row matches an unknown or revoked token (the query's inferred type omits the undefined).
  type Row = Awaited<ReturnType<typeof findLiveTokenByHash>>;
  const row = (await findLiveTokenByHash(db, hashToken(bearer))) as Row | undefined;
  if (!row) return null;
  // "Last used" is for people, to a minute: skipping the write keeps a busy engine from updating this row per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await touchApiToken(db, row.id).catch((error: unknown) => {
      logError("api-tokens.touch", error);
    });
  }
  return { orgId: row.orgId, tokenId: row.id };
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match ? match[1] : null;
}
