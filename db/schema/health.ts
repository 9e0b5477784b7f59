import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { connectorStatusEnum, connectors } from "./connectors";
import { organisations } from "./organisations";

/** Every health check result, raw. Kept 30 days; each finished UTC day is also rolled up into health_daily the day after. */
export const healthChecks = pgTable(
  "health_checks",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    connectorId: uuid()
      .notNull()
      .references(() => connectors.id, { onDelete: "cascade" }),
    checkedAt: timestamp({ withTimezone: true }).notNull(),
    /** What the check concluded; a throttled (429) check says "operational" with throttled = true and never counts as a failure. */
    status: connectorStatusEnum().notNull(),
    throttled: boolean().notNull().default(false),
    reason: text().notNull(),
    latencyMs: integer().notNull(),
    httpStatus: integer(),
  },
  (t) => [
    // Uptime and the latency chart read the index alone (index-only scans): checks of one connector are spread
    // over as many heap pages as there are checks, since the sweep writes all connectors' checks interleaved.
    index("health_checks_connector_checked_idx").on(
      t.connectorId,
      t.checkedAt,
      t.status,
      t.throttled,
      t.latencyMs,
      t.orgId,
    ),
    // Retention scans "everything older than 30 days": BRIN suits an append-only time column and stays tiny.
    index("health_checks_checked_brin").using("brin", t.checkedAt),
  ],
);

/** Confirmed status changes only (after flap control), with the previous and new status. */
export const statusEvents = pgTable(
  "status_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    connectorId: uuid()
      .notNull()
      .references(() => connectors.id, { onDelete: "cascade" }),
    at: timestamp({ withTimezone: true }).notNull(),
    fromStatus: connectorStatusEnum().notNull(),
    toStatus: connectorStatusEnum().notNull(),
    reason: text().notNull(),
    message: text().notNull(),
  },
  (t) => [
    index("status_events_connector_at_idx").on(t.connectorId, t.at),
    // The Incidents page: an organisation's changes into a failing status, newest first.
    index("status_events_org_incident_idx")
      .on(t.orgId, t.at)
      .where(sql`${t.toStatus} <> 'operational'`),
    // Open pages poll the organisation's latest event id (db/queries/live.ts): one index-only backward scan.
    index("status_events_org_id_idx").on(t.orgId, t.id),
  ],
);

/**
 * Daily figures per connector and UTC day, rolled up by the sweep the day after (db/queries/health-retention.ts):
 * checks and failures without throttled checks and those in pause or maintenance windows, as uptime counts them.
 * Days rolled before migration 0017 (only those older than 30 days) counted every check.
 */
export const healthDaily = pgTable(
  "health_daily",
  {
    connectorId: uuid()
      .notNull()
      .references(() => connectors.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    checks: integer().notNull(),
    failures: integer().notNull(),
    latencyP50: real("latency_p50"),
    latencyP95: real("latency_p95"),
  },
  (t) => [primaryKey({ columns: [t.connectorId, t.day] })],
);

/**
 * Hourly latency figures per connector and UTC hour, for the summary's 7-day latency chart: every check counted (as the
 * chart counts them), failures, the latency sum (the mean is sum / checks, as avg() gives it) and p95. Rolled up by
 * the sweep once an hour has been over for 15 minutes (db/queries/health-hourly.ts); kept 8 days.
 */
export const healthHourly = pgTable(
  "health_hourly",
  {
    connectorId: uuid()
      .notNull()
      .references(() => connectors.id, { onDelete: "cascade" }),
    hour: timestamp({ withTimezone: true }).notNull(),
    orgId: uuid().notNull(),
    checks: integer().notNull(),
    failures: integer().notNull(),
    latencySum: bigint({ mode: "number" }).notNull(),
    latencyP95: doublePrecision("latency_p95").notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectorId, t.hour] })],
);

/**
 * Which hours of a connector health_hourly holds: every UTC hour from `rolled_from` up to (not including)
 * `rolled_through`. A connector without a row has none rolled yet: the chart reads its raw checks.
 */
export const healthHoursRolled = pgTable("health_hours_rolled", {
  connectorId: uuid()
    .primaryKey()
    .references(() => connectors.id, { onDelete: "cascade" }),
  rolledFrom: timestamp({ withTimezone: true }).notNull(),
  rolledThrough: timestamp({ withTimezone: true }).notNull(),
});

export type HealthCheck = typeof healthChecks.$inferSelect;
export type StatusEvent = typeof statusEvents.$inferSelect;
export type HealthDaily = typeof healthDaily.$inferSelect;
