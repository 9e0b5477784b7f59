import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { users } from "./users";

/** Who hears about a connector's failures and recoveries: users of the organisation and/or plain addresses. */
export const notificationGroups = pgTable(
  "notification_groups",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("notification_groups_org_name_uq").on(t.orgId, sql`lower(${t.name})`)],
);

export const notificationGroupMembers = pgTable(
  "notification_group_members",
  {
    id: uuid().primaryKey().defaultRandom(),
    groupId: uuid()
      .notNull()
      .references(() => notificationGroups.id, { onDelete: "cascade" }),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    email: text(),
  },
  (t) => [
    check("notification_group_members_one_target", sql`(${t.userId} is null) <> (${t.email} is null)`),
    uniqueIndex("notification_group_members_user_uq").on(t.groupId, t.userId),
    uniqueIndex("notification_group_members_email_uq").on(t.groupId, sql`lower(${t.email})`),
  ],
);

/** What an outbound channel is: a signed JSON webhook, or a Slack or Microsoft Teams incoming webhook. */
export const CHANNEL_KINDS = ["webhook", "slack", "teams"] as const;
export const channelKindEnum = pgEnum("channel_kind", CHANNEL_KINDS);

/**
 * Outbound HTTPS channels that receive status-change events: signed webhooks, and Slack and Teams incoming webhooks
 * (one delivery path, log and address guard for all). `secret` is encrypted like credentials: a webhook's signing
 * secret, or a chat channel's whole incoming-webhook URL (that URL is the credential); a chat channel's `url` column
 * keeps only its masked form, for display.
 */
export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: channelKindEnum().notNull().default("webhook"),
    url: text().notNull(),
    secret: text().notNull(),
    secretKeyId: text().notNull(),
    active: boolean().notNull().default(true),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhooks_org_idx").on(t.orgId)],
);

export const OUTBOX_KINDS = ["email", "webhook"] as const;
export const outboxKindEnum = pgEnum("outbox_kind", OUTBOX_KINDS);

/**
 * Deliveries waiting to happen. Written in the same transaction as the status change that causes them, processed
 * after the fact with leases (FOR UPDATE SKIP LOCKED), retried with back-off until `expiresAt`.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** Null only for a sign-up confirmation, which is sent before its organisation exists. */
    orgId: uuid().references(() => organisations.id, { onDelete: "cascade" }),
    kind: outboxKindEnum().notNull(),
    webhookId: uuid().references(() => webhooks.id, { onDelete: "cascade" }),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    failedAt: timestamp({ withTimezone: true }),
    lastError: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.deliveredAt} is null and ${t.failedAt} is null`),
  ],
);

/** One row per webhook delivery attempt, for the log on the settings page. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    webhookId: uuid()
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    outboxId: bigint({ mode: "number" }),
    event: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempt: integer().notNull(),
    httpStatus: integer(),
    ok: boolean().notNull(),
    error: text(),
    durationMs: integer(),
  },
  (t) => [index("webhook_deliveries_webhook_at_idx").on(t.webhookId, t.at)],
);

export type NotificationGroup = typeof notificationGroups.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export type OutboxRow = typeof outbox.$inferSelect;
