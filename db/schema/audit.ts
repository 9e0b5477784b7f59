import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { connectors } from "./connectors";
import { organisations } from "./organisations";
import { users } from "./users";

/**
 * Who changed what, and when. Credential changes name the fields, never the values. The connector's name and the
 * actor's name are kept as written, so the trail survives a deleted connector or a removed user.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    connectorId: uuid().references(() => connectors.id, { onDelete: "set null" }),
    connectorName: text(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    actorName: text().notNull(),
    action: text().notNull(),
    summary: text().notNull(),
    /** Field keys involved (e.g. ["accessToken"]); never values. */
    fields: jsonb().$type<string[]>().notNull().default([]),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_events_connector_at_idx").on(t.connectorId, t.at),
    index("audit_events_org_at_idx").on(t.orgId, t.at),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
