import { pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { connectors } from "./connectors";
import { organisations } from "./organisations";
import { users } from "./users";

export const SANDBOX_MODES = ["healthy", "rejecting", "down", "slow", "throttled"] as const;
export const sandboxModeEnum = pgEnum("sandbox_mode", SANDBOX_MODES);

/** The sandbox vendor's own accounts: it knows keys only by hash, like a real vendor, and behaves per its mode. */
export const sandboxAccounts = pgTable("sandbox_accounts", {
  keyHash: text().primaryKey(),
  orgId: uuid()
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  connectorId: uuid()
    .unique()
    .references(() => connectors.id, { onDelete: "cascade" }),
  name: text().notNull(),
  mode: sandboxModeEnum().notNull().default("healthy"),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
});

export type SandboxMode = (typeof SANDBOX_MODES)[number];
