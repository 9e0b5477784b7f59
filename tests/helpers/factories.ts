import type { Db } from "@/db";
import { getSessionUser } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { users } from "@/db/schema";
import { signUp } from "@/lib/accounts/sign-up";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session-user";

let n = 0;
export const uniqueEmail = (prefix = "person") => `${prefix}.${Date.now().toString(36)}.${++n}@example.com`;

/** A new organisation with its administrator, through the real sign-up path. */
export async function createOrganisation(db: Db, name = `Org ${++n}`) {
  const email = uniqueEmail("admin");
  const { userId, orgId } = await signUp(db, { organisationName: name, name: "First Admin", email, password: "correct horse battery" });
  return { orgId, admin: (await getSessionUser(db, userId))!, email };
}

export async function createMember(db: Db, orgId: string, role: Role): Promise<SessionUser> {
  const [row] = await db
    .insert(users)
    .values({ orgId, role, email: uniqueEmail(role), name: `A ${role}`, passwordHash: await hashPassword("correct horse battery") })
    .returning({ id: users.id });
  return (await getSessionUser(db, row.id))!;
}
