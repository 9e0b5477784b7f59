import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { findUserByEmail } from "@/db/queries/users";
import { signInFailures } from "@/db/schema";
import { signInSchema } from "@/lib/accounts/schemas";
import { dummyPasswordHash, verifyPassword } from "./password";

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;
export const GENERIC_FAILURE = "E-mail or password is incorrect.";

export type SignInResult = { ok: true; userId: string } | { ok: false; message: string };

/**
 * Checks an e-mail and password. One generic message for every wrong combination (no account enumeration);
 * after MAX_FAILURES failures from one address within WINDOW_MINUTES, that address is refused until the window ends.
 * The counter lives in the database so every app instance sees it.
 */
export async function authenticate(db: Db, input: { email?: unknown; password?: unknown; address: string }): Promise<SignInResult> {
  const throttled = await throttleMessage(db, input.address);
  if (throttled) return { ok: false, message: throttled };
  const parsed = signInSchema.safeParse(input);
  const user = parsed.success ? await findUserByEmail(db, parsed.data.email) : undefined;
  const valid = await verifyPassword(parsed.success ? parsed.data.password : "", user?.passwordHash ?? dummyPasswordHash());
  if (user && valid) {
    await db.delete(signInFailures).where(eq(signInFailures.address, input.address));
    return { ok: true, userId: user.id };
  }
  await recordFailure(db, input.address);
  return { ok: false, message: GENERIC_FAILURE };
}

async function throttleMessage(db: Db, address: string): Promise<string | undefined> {
  const [row] = await db.select().from(signInFailures).where(eq(signInFailures.address, address)).limit(1);
  if (!row || row.failures < MAX_FAILURES) return undefined;
  const endsAt = row.windowStartedAt.getTime() + WINDOW_MINUTES * 60_000;
  const minutes = Math.ceil((endsAt - Date.now()) / 60_000);
  if (minutes <= 0) return undefined;
  return `Too many failed sign-ins from your network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

async function recordFailure(db: Db, address: string) {
  const windowExpired = sql`${signInFailures.windowStartedAt} < now() - make_interval(mins => ${WINDOW_MINUTES})`;
  await db
    .insert(signInFailures)
    .values({ address, failures: 1 })
    .onConflictDoUpdate({
      target: signInFailures.address,
      set: {
        failures: sql`case when ${windowExpired} then 1 else ${signInFailures.failures} + 1 end`,
        windowStartedAt: sql`case when ${windowExpired} then now() else ${signInFailures.windowStartedAt} end`,
        lastFailureAt: sql`now()`,
      },
    });
}
