import type { z } from "zod";
import type { Db } from "@/db";
import { releaseSignInAttempts, reserveSignInAttempt } from "@/db/queries/sign-in-attempts";
import { findUserByEmail, setPasswordHash } from "@/db/queries/users";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session-user";
import { throttledMessage } from "@/lib/auth/sign-in";
import { AppError } from "@/lib/errors";
import type { changePasswordSchema } from "./schemas";

/** Wrong current passwords allowed per user per window: a borrowed session cannot guess its way to the password. */
const CURRENT_PASSWORD_LIMIT = { limit: 5, windowMinutes: 15 } as const;

/**
 * A signed-in user changes their own password; the current one is required. Every session of the user ends (the
 * session version moves on); answers the new version so the caller can keep the device it was done on signed in.
 */
export async function changeOwnPassword(
  db: Db,
  actor: SessionUser,
  input: z.output<typeof changePasswordSchema>,
): Promise<{ sessionVersion: number }> {
  const key = `password:${actor.id}`;
  const reserved = await reserveSignInAttempt(db, { key, ...CURRENT_PASSWORD_LIMIT });
  if (!reserved.ok) throw new AppError("THROTTLED", throttledMessage(reserved.retryAfterMs));
  const user = await findUserByEmail(db, actor.email);
  if (!user || user.id !== actor.id || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("INVALID", "The current password is not right.", {
      currentPassword: ["The current password is not right."],
    });
  }
  await releaseSignInAttempts(db, [key]);
  const sessionVersion = await setPasswordHash(db, {
    userId: actor.id,
    passwordHash: await hashPassword(input.newPassword),
  });
  if (sessionVersion === undefined) throw new AppError("NOT_FOUND", "Your account was removed.");
  return { sessionVersion };
}
