import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";

export const ROLES = ["administrator", "manager", "user", "read_only"] as const;
export const roleEnum = pgEnum("role", ROLES);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: roleEnum().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Sessions carry the version they were issued under; sign-out and a password change bump it, ending every session. */
    sessionVersion: integer().notNull().default(0),
    /** Set while the user has been invited and has not yet chosen a password: such a user cannot sign in. */
    invitedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("users_email_uq").on(sql`lower(${t.email})`), index("users_org_idx").on(t.orgId)],
);

/**
 * Sign-in attempts per throttle key ("pair:<e-mail> <address>", "account:<e-mail>", "address:<address>"), shared by
 * every app instance. An attempt is reserved here before its password is checked and released when it succeeds.
 */
export const signInAttempts = pgTable("sign_in_attempts", {
  key: text().primaryKey(),
  attempts: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Sign-ups waiting for their e-mail link. Nothing exists in organisations or users until the link is followed; only
 * the SHA-256 of the link's token is kept. One row per address: signing up again replaces it (new id, new token).
 */
export const pendingSignUps = pgTable(
  "pending_sign_ups",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    organisationName: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("pending_sign_ups_email_uq").on(sql`lower(${t.email})`),
    uniqueIndex("pending_sign_ups_token_hash_uq").on(t.tokenHash),
    index("pending_sign_ups_expires_idx").on(t.expiresAt),
  ],
);

export const ACCOUNT_LINK_PURPOSES = ["password_reset", "invitation"] as const;
export const accountLinkPurposeEnum = pgEnum("account_link_purpose", ACCOUNT_LINK_PURPOSES);

/**
 * E-mailed links that let a user set their password: a forgotten-password reset or an invitation. Only the SHA-256
 * of the link's token is kept. One live link per user and purpose (a new one replaces the last); using a link
 * deletes its row, so it works once.
 */
export const accountLinks = pgTable(
  "account_links",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: accountLinkPurposeEnum().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("account_links_user_purpose_uq").on(t.userId, t.purpose),
    uniqueIndex("account_links_token_hash_uq").on(t.tokenHash),
    index("account_links_expires_idx").on(t.expiresAt),
  ],
);

export type User = typeof users.$inferSelect;
export type AccountLinkPurpose = (typeof ACCOUNT_LINK_PURPOSES)[number];
export type Role = (typeof ROLES)[number];
