import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { organisations, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";

export async function findUserByEmail(db: Db | Tx, email: string) {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`).limit(1);
  return row;
}

/** The user behind a session; with `sessionVersion`, only while that session is still current (not signed out or superseded). */
export async function getSessionUser(db: Db, userId: string, opts: { sessionVersion?: number } = {}): Promise<SessionUser | undefined> {
  const [row] = await db
    .select({ id: users.id, orgId: users.orgId, orgName: organisations.name, name: users.name, email: users.email, role: users.role })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(users.id, userId), opts.sessionVersion === undefined ? undefined : eq(users.sessionVersion, opts.sessionVersion)))
    .limit(1);
  return row;
}

export async function isSessionCurrent(db: Db, { userId, sessionVersion }: { userId: string; sessionVersion: number }): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion)))
    .limit(1);
  return !!row;
}

/** Ends every session of the user issued under `sessionVersion` (sign-out); a stale session's sign-out changes nothing. */
export async function endSessions(db: Db, { userId, sessionVersion }: { userId: string; sessionVersion: number }): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion)));
}

/** Replaces the password hash and ends every session; answers the new session version. */
export async function setPasswordHash(db: Db, { userId, passwordHash }: { userId: string; passwordHash: string }): Promise<number | undefined> {
  const [row] = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion;
}

export function listUsers(db: Db, { orgId }: { orgId: string }) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.orgId, orgId))
    .orderBy(asc(users.name));
}

/** A user's e-mail address, only within their organisation. */
export async function findUserEmail(db: Db, { orgId, userId }: { orgId: string; userId: string }): Promise<string | undefined> {
  const [row] = await db.select({ email: users.email }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, userId))).limit(1);
  return row?.email;
}
