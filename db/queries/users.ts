import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db, Tx, DbOrTx } from "@/db";
import { preparedQuery } from "@/db/prepared-query";
import { organisations, type Role, users } from "@/db/schema";

/** Who is acting: loaded from the database on every request, so a changed role or a removed user counts at once. */
export interface SessionUser {
  id: string;
  orgId: string;
  orgName: string;
  name: string;
  email: string;
  role: Role;
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  const row = (
    await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
      .limit(1)
  ).at(0);
  return row;
}

const sessionUserQuery = (current: boolean) =>
  preparedQuery(current ? "session-user-current" : "session-user", (db) =>
    db
      .select({
        id: users.id,
        orgId: users.orgId,
        orgName: organisations.name,
        name: users.name,
        email: users.email,
        role: users.role,
      })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.orgId))
      .where(
        and(
          eq(users.id, sql.placeholder("userId")),
          current ? eq(users.sessionVersion, sql.placeholder("sessionVersion")) : undefined,
        ),
      )
      .limit(1),
  );
/** Read on every page (db/prepared-query.ts). */
const sessionUser = { any: sessionUserQuery(false), current: sessionUserQuery(true) };

/** The user behind a session; with `sessionVersion`, only while that session is still current (not signed out or superseded). */
export async function getSessionUser(
  db: Db,
  userId: string,
  opts: { sessionVersion?: number } = {},
): Promise<SessionUser | undefined> {
  const { sessionVersion } = opts;
  const rows =
    sessionVersion === undefined
      ? await sessionUser.any(db, { userId })
      : await sessionUser.current(db, { userId, sessionVersion });
  return rows.at(0);
}

export async function isSessionCurrent(
  db: Db,
  { userId, sessionVersion }: { userId: string; sessionVersion: number },
): Promise<boolean> {
  const row = (
    await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion)))
      .limit(1)
  ).at(0);
  return !!row;
}

/** Ends every session of the user issued under `sessionVersion` (sign-out); a stale session's sign-out changes nothing. */
export async function endSessions(
  db: Db,
  { userId, sessionVersion }: { userId: string; sessionVersion: number },
): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion)));
}

/** Replaces the password hash (an invited user becomes active) and ends every session; answers the new session version. */
export async function setPasswordHash(
  db: DbOrTx,
  { userId, passwordHash }: { userId: string; passwordHash: string },
): Promise<number | undefined> {
  const row = (
    await db
      .update(users)
      .set({ passwordHash, invitedAt: null, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning({ sessionVersion: users.sessionVersion })
  ).at(0);
  return row?.sessionVersion;
}

export function listUsers(db: Db, { orgId }: { orgId: string }) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      invitedAt: users.invitedAt,
    })
    .from(users)
    .where(eq(users.orgId, orgId))
    .orderBy(asc(users.name));
}

/** A user's e-mail address, only within their organisation. */
export async function findUserEmail(
  db: Db,
  { orgId, userId }: { orgId: string; userId: string },
): Promise<string | undefined> {
  const row = (
    await db
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
      .limit(1)
  ).at(0);
  return row?.email;
}

export type NewUser = {
  orgId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  /** Set for an invited user, who cannot sign in until they choose a password through their link. */
  invitedAt?: Date | null;
};

/** Adds users (to one or more organisations, as each row says); answers their ids in the order given. */
export function insertUsers(db: DbOrTx, rows: NewUser[]) {
  return db.insert(users).values(rows).returning({ id: users.id });
}

/** Whether the user belongs to the organisation (another organisation's user looks exactly like an unknown id). */
export async function userInOrg(db: DbOrTx, { orgId, userId }: { orgId: string; userId: string }): Promise<boolean> {
  const row = (
    await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
      .limit(1)
  ).at(0);
  return !!row;
}

/** A user of the organisation, locked (FOR UPDATE) until the transaction ends. */
export async function lockUser(tx: Tx, { orgId, userId }: { orgId: string; userId: string }) {
  const row = (
    await tx
      .select()
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
      .for("update")
  ).at(0);
  return row;
}

/** The organisation's administrators other than `exceptId`, locked (FOR UPDATE) until the transaction ends. */
export function lockOtherAdministrators(tx: Tx, { orgId, exceptId }: { orgId: string; exceptId: string }) {
  return tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, "administrator"), ne(users.id, exceptId)))
    .for("update");
}

export async function setUserRole(db: DbOrTx, { orgId, userId, role }: { orgId: string; userId: string; role: Role }) {
  await db
    .update(users)
    .set({ role, updatedAt: new Date() })
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
}

export async function deleteUser(db: DbOrTx, { orgId, userId }: { orgId: string; userId: string }) {
  await db.delete(users).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
}

/** The e-mail addresses of the organisation's administrators. */
export async function listAdministratorEmails(db: DbOrTx, { orgId }: { orgId: string }): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, "administrator")));
  return rows.map((r) => r.email);
}
