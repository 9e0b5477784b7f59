import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { apiTokens, users } from "@/db/schema";

/** An organisation's tokens for the settings page, newest first; never the hash. */
export function listApiTokens(db: Db, { orgId }: { orgId: string }) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      createdByName: users.name,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.orgId, orgId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}
export type ApiTokenListItem = Awaited<ReturnType<typeof listApiTokens>>[number];

export async function insertApiToken(
  db: Db,
  values: { orgId: string; name: string; tokenHash: string; prefix: string; createdBy: string | null },
) {
  const [row] = await db
    .insert(apiTokens)
    .values(values)
    .returning({ id: apiTokens.id, createdAt: apiTokens.createdAt });
  return row;
}

/** Revokes a live token of the organisation; false when there is none (unknown, other organisation, already revoked). */
export async function revokeApiTokenRow(db: Db, { orgId, id }: { orgId: string; id: string }): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function findLiveTokenByHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ id: apiTokens.id, orgId: apiTokens.orgId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row;
}

/** Conditional, so concurrent requests of one token write at most once a minute between them. */
export async function touchApiToken(db: Db, id: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
}
