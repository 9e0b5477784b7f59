import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { organisations, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`).limit(1);
  return row;
}

export async function getSessionUser(db: Db, userId: string): Promise<SessionUser | undefined> {
  const [row] = await db
    .select({ id: users.id, orgId: users.orgId, orgName: organisations.name, name: users.name, email: users.email, role: users.role })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}

export function listUsers(db: Db, { orgId }: { orgId: string }) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.orgId, orgId))
    .orderBy(asc(users.name));
}
