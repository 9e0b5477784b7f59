import type { z } from "zod";
import type { Db } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { insertAccountMail } from "@/db/queries/outbox";
import { reserveSignInAttempt } from "@/db/queries/sign-in-attempts";
import { findUserByEmail } from "@/db/queries/users";
import { companyGroups, organisations, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { env } from "@/lib/env";
import type { signUpSchema } from "./schemas";

/** At most one "someone tried to sign up with your address" e-mail per address in this many minutes (no mail bombing). */
const NOTICE_WINDOW_MINUTES = 60;

/**
 * Creates an organisation, its default company group, and its first user as administrator, in one transaction.
 * An e-mail that already has an account gets the same answer and the same work (the password is hashed either way),
 * so sign-up never tells whether an address is registered; the account's owner is told by e-mail instead.
 * Answers the new ids, or undefined when nothing was created.
 */
export async function signUp(db: Db, input: z.output<typeof signUpSchema>): Promise<{ orgId: string; userId: string } | undefined> {
  const existing = await findUserByEmail(db, input.email);
  const passwordHash = await hashPassword(input.password);
  if (existing) {
    await tellOwner(db, existing);
    return undefined;
  }
  try {
    return await db.transaction(async (tx) => {
      const [org] = await tx.insert(organisations).values({ name: input.organisationName }).returning();
      await tx.insert(companyGroups).values({ orgId: org.id, name: "Default", isDefault: true });
      const [user] = await tx
        .insert(users)
        .values({ orgId: org.id, email: input.email, name: input.name, passwordHash, role: "administrator" })
        .returning({ id: users.id, email: users.email });
      return { orgId: org.id, userId: user.id };
    });
  } catch (error) {
    // Two sign-ups racing for one address: the unique index decides, and the loser is answered like any existing address.
    if (!isUniqueViolation(error, "users_email_uq")) throw error;
    const owner = await findUserByEmail(db, input.email);
    if (owner) await tellOwner(db, owner);
    return undefined;
  }
}

async function tellOwner(db: Db, owner: { id: string; orgId: string; email: string }) {
  const once = await reserveSignInAttempt(db, { key: `sign-up-notice:${owner.email.toLowerCase()}`, limit: 1, windowMinutes: NOTICE_WINDOW_MINUTES });
  if (!once.ok) return;
  const signIn = `${env.APP_URL.replace(/\/$/, "")}/login`;
  await insertAccountMail(db, {
    orgId: owner.orgId,
    userId: owner.id,
    subject: "[Patchbay] Someone tried to sign up with your e-mail address",
    text: [
      `Someone tried to create a new Patchbay organisation with your e-mail address (${owner.email}).`,
      "Nothing was created and your account was not changed.",
      "",
      `If it was you: you already have an account. Sign in at ${signIn}.`,
      "If it was not you, there is nothing to do.",
    ].join("\n"),
  });
}
