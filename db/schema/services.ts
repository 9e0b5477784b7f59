import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { connectors } from "./connectors";
import { organisations } from "./organisations";

/** A data flow from one source connector to one destination connector. RESTRICT: a connector in use cannot be deleted. */
export const services = pgTable(
  "services",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    active: boolean().notNull().default(true),
    sourceConnectorId: uuid()
      .notNull()
      .references(() => connectors.id, { onDelete: "restrict" }),
    destinationConnectorId: uuid()
      .notNull()
      .references(() => connectors.id, { onDelete: "restrict" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("services_org_name_uq").on(t.orgId, sql`lower(${t.name})`),
    index("services_source_idx").on(t.sourceConnectorId),
    index("services_destination_idx").on(t.destinationConnectorId),
  ],
);

export const SYNC_STATUSES = ["ok", "sent", "pending", "failed"] as const;
export const syncStatusEnum = pgEnum("sync_status", SYNC_STATUSES);

/** One run of a service, as reported by the sync engine; idempotent by (organisation, external id). */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    externalId: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
    status: syncStatusEnum().notNull(),
    pulledCount: integer().notNull().default(0),
    pushedCount: integer().notNull().default(0),
    errorMessage: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sync_runs_org_external_uq").on(t.orgId, t.externalId),
    // Summary tab: totals per service over a time window, and failed syncs newest first. The trailing columns are
    // payload: the totals and the failed count read the index alone (index-only scans, no heap visit per run).
    index("sync_runs_service_started_idx").on(
      t.serviceId,
      t.startedAt,
      t.status,
      t.orgId,
      t.pulledCount,
      t.pushedCount,
    ),
    // A service's failed runs newest first, in the summary's order (started, then id): its page takes the newest few
    // of each service from here, whatever plan Postgres settles on (db/queries/connector-summary.ts).
    index("sync_runs_service_failed_idx")
      .on(t.serviceId, t.startedAt, t.id, t.orgId)
      .where(sql`${t.status} = 'failed'`),
    // Sync report: an organisation's runs over a window; its failed-only filter; its sync id (prefix) search.
    index("sync_runs_org_started_idx").on(t.orgId, t.startedAt),
    index("sync_runs_org_failed_started_idx")
      .on(t.orgId, t.startedAt)
      .where(sql`${t.status} = 'failed'`),
    index("sync_runs_org_external_prefix_idx").on(t.orgId, sql`${t.externalId} text_pattern_ops`),
  ],
);

/**
 * Sync runs counted by connector, UTC hour and status, kept by triggers on sync_runs and services (migration 0015):
 * the summary's totals read whole hours here and only the runs of the hours their windows cut, so their cost follows
 * the window, not the number of runs. A run counts for its service's source and destination connectors (once when
 * they are the same), under the organisation it and its service share.
 */
export const connectorSyncHourly = pgTable(
  "connector_sync_hourly",
  {
    connectorId: uuid()
      .notNull()
      .references(() => connectors.id, { onDelete: "cascade" }),
    orgId: uuid().notNull(),
    hour: timestamp({ withTimezone: true }).notNull(),
    status: syncStatusEnum().notNull(),
    runs: integer().notNull(),
    pulled: bigint({ mode: "number" }).notNull(),
    pushed: bigint({ mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectorId, t.orgId, t.hour, t.status] })],
);

export type Service = typeof services.$inferSelect;
export type SyncRun = typeof syncRuns.$inferSelect;
export type SyncStatus = (typeof SYNC_STATUSES)[number];
