import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { signInAttempts } from "@/db/schema";
import { executeRows } from "./execute";

export type ReserveResult = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Takes one attempt from `key`'s allowance in one statement: the row is created, or its count goes up by one while it
 * is under `limit` (a window older than `windowMinutes` starts again at 1). The row lock of ON CONFLICT makes concurrent
 * callers queue, so no more than `limit` attempts are ever granted per window, however many arrive at once.
 */
export async function reserveSignInAttempt(
  db: Db,
  { key, limit, windowMinutes }: { key: string; limit: number; windowMinutes: number },
): Promise<ReserveResult> {
  const expired = sql`${signInAttempts.windowStartedAt} <= now() - make_interval(mins => ${windowMinutes})`;
  const granted = await db
    .insert(signInAttempts)
    .values({ key, attempts: 1 })
    .onConflictDoUpdate({
      target: signInAttempts.key,
      set: {
        attempts: sql`case when ${expired} then 1 else ${signInAttempts.attempts} + 1 end`,
        windowStartedAt: sql`case when ${expired} then now() else ${signInAttempts.windowStartedAt} end`,
        lastAttemptAt: sql`now()`,
      },
      setWhere: sql`${expired} or ${signInAttempts.attempts} < ${limit}`,
    })
    .returning({ attempts: signInAttempts.attempts });
  if (granted.length > 0) return { ok: true };
  const rows = await executeRows<{ ms: number | string }>(
    db,
    sql`select greatest(extract(epoch from (window_started_at + make_interval(mins => ${windowMinutes}) - now())) * 1000, 0)::float8 as ms
        from sign_in_attempts where key = ${key}`,
  );
  const row = rows.at(0);
  return { ok: false, retryAfterMs: Math.ceil(Number(row?.ms ?? 0)) };
}

/** Gives reserved attempts back (the attempt succeeded, or a later limit refused it before the password was checked). */
export async function releaseSignInAttempts(db: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .update(signInAttempts)
    .set({ attempts: sql`greatest(${signInAttempts.attempts} - 1, 0)` })
    .where(inArray(signInAttempts.key, keys));
}

export async function clearSignInAttempts(db: Db, key: string): Promise<void> {
  await db.delete(signInAttempts).where(eq(signInAttempts.key, key));
}
