import type { z } from "zod";
import type { Db } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { findUserByEmail } from "@/db/queries/users";
import { companyGroups, organisations, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import type { signUpSchema } from "./schemas";

const takenEmail = () =>
  new AppError("CONFLICT", "An account with this e-mail already exists.", {
    email: ["An account with this e-mail already exists. Sign in instead, or ask your administrator to add you."],
  });

/** Creates an organisation, its default company group, and its first user as administrator, in one transaction. */
export async function signUp(db: Db, input: z.output<typeof signUpSchema>) {
  if (await findUserByEmail(db, input.email)) throw takenEmail();
  const passwordHash = await hashPassword(input.password);
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
    // Two sign-ups racing for one address: the unique index decides.
    if (isUniqueViolation(error, "users_email_uq")) throw takenEmail();
    throw error;
  }
}
