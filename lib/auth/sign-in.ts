import { z } from "zod";
import type { Db } from "@/db";
import { clearSignInAttempts, releaseSignInAttempts, reserveSignInAttempt } from "@/db/queries/sign-in-attempts";
import { findUserByEmail } from "@/db/queries/users";
import { logError } from "@/lib/log";
import { countSignInThrottled } from "@/lib/metrics/record";
import { emailField } from "@/lib/validation/email";
import { text } from "@/lib/validation/text";
import { dummyPasswordHash, verifyPassword } from "./password";

/**
 * Attempts allowed per window: per e-mail and address first (one attacker locks only themselves out of that account),
 * then per e-mail from anywhere (an attack spread over many addresses), then per address whatever the e-mail (password
 * spraying; high enough for an office behind one NAT address). Unknown e-mails are counted exactly like known ones.
 */
export const LIMITS = {
  pair: { limit: 5, windowMinutes: 15 },
  account: { limit: 50, windowMinutes: 15 },
  address: { limit: 100, windowMinutes: 15 },
} as const;
/** The per-(e-mail, address) limit, the one a single attacker meets first. */
export const MAX_FAILURES = LIMITS.pair.limit;
export const WINDOW_MINUTES = LIMITS.pair.windowMinutes;
export const GENERIC_FAILURE = "E-mail or password is incorrect.";
export const SIGN_IN_UNAVAILABLE = "Sign-in is unavailable right now, try again shortly.";

const signInSchema = z.object({
  email: emailField,
  password: text("Password", { trim: false, normalize: false }).min(1, "Password is required.").max(200),
});

export type SignInResult = { ok: true; userId: string; sessionVersion: number } | { ok: false; message: string };

/** The e-mail as typed, in the form the throttle counts it (the same for a known and an unknown account). */
const throttleEmail = (email: unknown) => (typeof email === "string" ? email.trim().toLowerCase().slice(0, 254) : "");

export function throttleKeys(email: unknown, address: string) {
  const e = throttleEmail(email);
  return { pair: `pair:${e} ${address}`, account: `account:${e}`, address: `address:${address}` };
}

export function throttledMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Checks an e-mail and password. One generic message for every wrong combination (no account enumeration). Each
 * attempt is reserved against the limits BEFORE the password is checked, so concurrent attempts can never evaluate
 * more passwords than the limits allow; a success gives its reservation back and clears only this e-mail's count
 * from this address. A database fault answers one generic sentence: no statement or driver text reaches the form.
 */
export async function authenticate(
  db: Db,
  input: { email?: unknown; password?: unknown; address: string },
): Promise<SignInResult> {
  try {
    return await authenticateOrThrow(db, input);
  } catch (error) {
    logError("sign-in", error);
    return { ok: false, message: SIGN_IN_UNAVAILABLE };
  }
}

async function authenticateOrThrow(
  db: Db,
  input: { email?: unknown; password?: unknown; address: string },
): Promise<SignInResult> {
  const keys = throttleKeys(input.email, input.address);
  const reserved: string[] = [];
  for (const level of ["pair", "account", "address"] as const) {
    const result = await reserveSignInAttempt(db, { key: keys[level], ...LIMITS[level] });
    if (!result.ok) {
      await releaseSignInAttempts(db, reserved);
      countSignInThrottled(level);
      return { ok: false, message: throttledMessage(result.retryAfterMs) };
    }
    reserved.push(keys[level]);
  }
  const parsed = signInSchema.safeParse(input);
  const found = parsed.success ? await findUserByEmail(db, parsed.data.email) : undefined;
  // An invited user who has not chosen a password yet cannot sign in: treated exactly like an unknown address.
  const user = found && !found.invitedAt ? found : undefined;
  const valid = await verifyPassword(
    parsed.success ? parsed.data.password : "",
    user?.passwordHash ?? dummyPasswordHash(),
  );
  if (user && valid) {
    await clearSignInAttempts(db, keys.pair);
    await releaseSignInAttempts(db, [keys.account, keys.address]);
    return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
  }
  // The reservation stays: it is the failure's count.
  return { ok: false, message: GENERIC_FAILURE };
}
