import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import type { AccountLinkPurpose } from "@/db/schema";
import { executeRows } from "./execute";

/** SQL of the e-mailed links that set a password (see the account_links table). */

export interface AccountLinkUser {
  linkId: string;
  orgId: string;
  userId: string;
  email: string;
  name: string;
  orgName: string;
}

const USER_COLUMNS = sql`l.id AS "linkId", l.org_id AS "orgId", u.id AS "userId", u.email, u.name, o.name AS "orgName"`;

/**
 * Stores the link of a user for a purpose, replacing the earlier one (new id, new token hash): an earlier link stops
 * working, and its mail, if still queued, is no longer sent.
 */
export async function upsertAccountLink(
  db: DbOrTx,
  p: {
    id: string;
    orgId: string;
    userId: string;
    purpose: AccountLinkPurpose;
    tokenHash: string;
    validMinutes: number;
  },
): Promise<void> {
  await db.execute(sql`
    INSERT INTO account_links (id, org_id, user_id, purpose, token_hash, expires_at)
    VALUES (${p.id}, ${p.orgId}, ${p.userId}, ${p.purpose}, ${p.tokenHash}, now() + make_interval(mins => ${p.validMinutes}))
    ON CONFLICT (user_id, purpose) DO UPDATE SET
      id = excluded.id, token_hash = excluded.token_hash, expires_at = excluded.expires_at, created_at = now()`);
}

/** The user an unexpired link belongs to, without using it up. */
export async function findAccountLinkByTokenHash(
  db: DbOrTx,
  { tokenHash, purpose }: { tokenHash: string; purpose: AccountLinkPurpose },
): Promise<AccountLinkUser | undefined> {
  const rows = await executeRows<AccountLinkUser>(
    db,
    sql`SELECT ${USER_COLUMNS} FROM account_links l JOIN users u ON u.id = l.user_id JOIN organisations o ON o.id = l.org_id
        WHERE l.token_hash = ${tokenHash} AND l.purpose = ${purpose} AND l.expires_at > now()`,
  );
  return rows[0];
}

/** Uses up an unexpired link: one statement, so of two concurrent uses only one gets the row. */
export async function takeAccountLink(
  db: DbOrTx,
  { tokenHash, purpose }: { tokenHash: string; purpose: AccountLinkPurpose },
): Promise<AccountLinkUser | undefined> {
  const rows = await executeRows<AccountLinkUser>(
    db,
    sql`WITH taken AS (
          DELETE FROM account_links WHERE token_hash = ${tokenHash} AND purpose = ${purpose} AND expires_at > now()
          RETURNING id, org_id, user_id)
        SELECT ${USER_COLUMNS} FROM taken l JOIN users u ON u.id = l.user_id JOIN organisations o ON o.id = l.org_id`,
  );
  return rows[0];
}

/** The address a link's e-mail goes to, while the link is still the live one (unexpired, not used, not replaced). */
export async function findLiveAccountLinkEmail(
  db: DbOrTx,
  { orgId, linkId }: { orgId: string; linkId: string },
): Promise<string | undefined> {
  const rows = await executeRows<{ email: string }>(
    db,
    sql`SELECT u.email FROM account_links l JOIN users u ON u.id = l.user_id
        WHERE l.id = ${linkId} AND l.org_id = ${orgId} AND l.expires_at > now()`,
  );
  return rows[0]?.email;
}

/** Links whose time is up; bounded per run. */
export async function deleteExpiredAccountLinks(db: DbOrTx, { limit = 1000 }: { limit?: number } = {}): Promise<void> {
  await db.execute(sql`
    DELETE FROM account_links WHERE id IN (SELECT id FROM account_links WHERE expires_at <= now() LIMIT ${limit})`);
}
