import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { connectors } from "./connectors";
import { organisations } from "./organisations";

/** Inbound API: the platform issues a client id and a secret (shown once, stored hashed) for an inbound-api connector. */
export const inboundApiClients = pgTable(
  "inbound_api_clients",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    connectorId: uuid()
      .notNull()
      .references(() => connectors.id, { onDelete: "cascade" }),
    clientId: text().notNull(),
    secretHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastTokenAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("inbound_api_clients_client_uq").on(t.clientId),
    index("inbound_api_clients_connector_idx").on(t.connectorId),
  ],
);

export type InboundApiClient = typeof inboundApiClients.$inferSelect;
