import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

/** SQL of sign-ups waiting for their e-mail link (see the pending_sign_ups table). */

export interface PendingSignUp {
  id: string;
  email: string;
  organisationName: string;
  name: string;
  passwordHash: string;
}

const COLUMNS = sql`id, email, organisation_name AS "organisationName", name, password_hash AS "passwordHash"`;

const rowsOf = (res: unknown) => (res as { rows: PendingSignUp[] }).rows;

/**
 * Stores the sign-up of `email`, replacing any earlier one for that address (any case): the row gets the new id and
 * token hash, so the earlier link stops working and the earlier mail, if still queued, is no longer sent.
 */
export async function upsertPendingSignUp(
  db: DbOrTx,
  p: PendingSignUp & { tokenHash: string; validHours: number },
): Promise<void> {
  await db.execute(sql`
    INSERT INTO pending_sign_ups (id, email, organisation_name, name, password_hash, token_hash, expires_at)
    VALUES (${p.id}, ${p.email}, ${p.organisationName}, ${p.name}, ${p.passwordHash}, ${p.tokenHash}, now() + make_interval(hours => ${p.validHours}))
    ON CONFLICT ((lower(email))) DO UPDATE SET
      id = excluded.id, email = excluded.email, organisation_name = excluded.organisation_name, name = excluded.name,
      password_hash = excluded.password_hash, token_hash = excluded.token_hash, expires_at = excluded.expires_at, created_at = now()`);
}

export async function findPendingSignUpById(db: DbOrTx, id: string): Promise<PendingSignUp | undefined> {
  return rowsOf(
    await db.execute(sql`SELECT ${COLUMNS} FROM pending_sign_ups WHERE id = ${id} AND expires_at > now()`),
  )[0];
}

/** The unexpired sign-up a link's token hash belongs to, without using it up. */
export async function findPendingSignUpByTokenHash(db: DbOrTx, tokenHash: string): Promise<PendingSignUp | undefined> {
  return rowsOf(
    await db.execute(
      sql`SELECT ${COLUMNS} FROM pending_sign_ups WHERE token_hash = ${tokenHash} AND expires_at > now()`,
    ),
  )[0];
}

/** Uses up the unexpired sign-up of a token hash: one statement, so of two concurrent confirmations only one gets the row. */
export async function takePendingSignUp(db: DbOrTx, tokenHash: string): Promise<PendingSignUp | undefined> {
  return rowsOf(
    await db.execute(
      sql`DELETE FROM pending_sign_ups WHERE token_hash = ${tokenHash} AND expires_at > now() RETURNING ${COLUMNS}`,
    ),
  )[0];
}

/** Sign-ups whose link has expired; bounded per run. */
export async function deleteExpiredPendingSignUps(
  db: DbOrTx,
  { limit = 1000 }: { limit?: number } = {},
): Promise<void> {
  await db.execute(sql`
    DELETE FROM pending_sign_ups WHERE id IN (SELECT id FROM pending_sign_ups WHERE expires_at <= now() LIMIT ${limit})`);
}
