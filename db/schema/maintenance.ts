import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { connectors } from "./connectors";
import { organisations } from "./organisations";
import { users } from "./users";

/** `pause`: checks stopped now, until resumed or until an optional end; `maintenance`: a window planned ahead. */
export const MAINTENANCE_KINDS = ["pause", "maintenance"] as const;
export const maintenanceKindEnum = pgEnum("maintenance_kind", MAINTENANCE_KINDS);

/**
 * Periods in which a connector is not checked and no alert goes out. Kept after they end: uptime leaves them out.
 * Active = starts_at <= now < coalesce(ends_at, infinity); resuming a pause sets its ends_at to now.
 */
export const maintenanceWindows = pgTable(
  "maintenance_windows",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    connectorId: uuid()
      .notNull()
      .references(() => connectors.id, { onDelete: "cascade" }),
    kind: maintenanceKindEnum().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    /** Null: a pause until someone resumes it. */
    endsAt: timestamp({ withTimezone: true }),
    reason: text().notNull(),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The sweep's claim asks "is this connector in a window now" per due row; uptime asks the same per check.
    index("maintenance_windows_connector_idx").on(t.connectorId, t.startsAt, t.endsAt),
    check("maintenance_windows_ends_after_start", sql`${t.endsAt} is null or ${t.endsAt} > ${t.startsAt}`),
  ],
);

export type MaintenanceWindow = typeof maintenanceWindows.$inferSelect;
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];
