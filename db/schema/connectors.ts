import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { notificationGroups } from "./notifications";
import { companyGroups, organisations } from "./organisations";

export const ENVIRONMENTS = ["live", "test"] as const;
export const environmentEnum = pgEnum("environment", ENVIRONMENTS);

/** `unknown` = never checked ("Not checked yet"). */
export const CONNECTOR_STATUSES = ["unknown", "operational", "unreachable", "auth_failed"] as const;
export const connectorStatusEnum = pgEnum("connector_status", CONNECTOR_STATUSES);

/** Problems first: the connector list's default order and the order of its status overview. */
export const STATUS_ORDER = [
  "unreachable",
  "auth_failed",
  "unknown",
  "operational",
] as const satisfies (typeof CONNECTOR_STATUSES)[number][];

/**
 * A status's place in STATUS_ORDER, in SQL. Literals rather than parameters, so that the list's query spells the
 * expression exactly as connectors_org_env_rank_idx does and reads its first page from that index, in order.
 */
export const statusRank = (status: AnyPgColumn) =>
  sql`(case ${status} ${sql.raw(STATUS_ORDER.map((s, i) => `when '${s}' then ${i}`).join(" "))} else ${sql.raw(String(STATUS_ORDER.length))} end)`;

export const connectors = pgTable(
  "connectors",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    companyGroupId: uuid()
      .notNull()
      .references(() => companyGroups.id, { onDelete: "restrict" }),
    systemId: text().notNull(),
    authType: text().notNull(),
    environment: environmentEnum().notNull(),
    name: text().notNull(),
    timeZone: text().notNull().default("Europe/London"),
    dateFormat: text().notNull().default("dd/MM/yyyy HH:mm"),
    /** AES-256-GCM envelope of the whole credentials object (lib/crypto); never selected for pages. */
    credentials: text().notNull(),
    credentialsKeyId: text().notNull(),
    /** Per-connector opt-in (administrators only) to let checks reach private addresses. */
    allowPrivateNetwork: boolean().notNull().default(false),

    // Confirmed health state, written by the sweep and by saves.
    status: connectorStatusEnum().notNull().default("unknown"),
    statusSince: timestamp({ withTimezone: true }),
    lastCheckedAt: timestamp({ withTimezone: true }),
    lastReason: text(),
    lastMessage: text(),
    lastHint: text(),
    lastLatencyMs: integer(),
    lastHttpStatus: integer(),
    // Flap control: consecutive results that disagree with `status`, and what they agree on.
    pendingStatus: connectorStatusEnum(),
    pendingCount: integer().notNull().default(0),
    consecutiveFailures: integer().notNull().default(0),
    // Scheduling and leasing (FOR UPDATE SKIP LOCKED; an expired lease is claimable again).
    nextCheckAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Who hears about failures and recoveries; null = the organisation's administrators. */
    notificationGroupId: uuid().references(() => notificationGroups.id, { onDelete: "set null" }),
    /** While a connector stays down, at most one reminder a day. */
    lastReminderAt: timestamp({ withTimezone: true }),
    /** Last "Check now" by a person: at most one per connector per 10 s, enforced by a conditional update. */
    manualCheckAt: timestamp({ withTimezone: true }),
    leaseUntil: timestamp({ withTimezone: true }),
    /** Which sweep run holds the lease: a run only releases its own, never one a later run took over after expiry. */
    leaseOwner: uuid(),
    /** Minutes between scheduled checks (1 to 60); null = HEALTHCHECK_INTERVAL. */
    checkIntervalMinutes: integer(),
    /**
     * The last UTC day whose checks are in health_daily (db/queries/health-retention.ts); null: none yet. Uptime reads
     * the roll-ups up to this day and raw checks after it, so a 30-day window reads ~30 rows instead of every check.
     */
    healthRolledThrough: date({ mode: "string" }),

    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The product's rule: one live and one test connector per system per company group.
    uniqueIndex("connectors_group_system_env_uq").on(t.companyGroupId, t.systemId, t.environment),
    uniqueIndex("connectors_org_name_uq").on(t.orgId, sql`lower(${t.name})`),
    index("connectors_org_env_idx").on(t.orgId, t.environment, t.name),
    // The list's default order (problems first, then by name): a page is the next 60 entries, not a sort of them all.
    index("connectors_org_env_rank_idx").on(t.orgId, t.environment, statusRank(t.status), t.name, t.id),
    index("connectors_due_idx").on(t.nextCheckAt),
    // The daily roll-up finds the connectors whose last finished day is not rolled yet without reading them all.
    index("connectors_health_rolled_idx").on(t.healthRolledThrough),
    check(
      "connectors_check_interval_range",
      sql`${t.checkIntervalMinutes} is null or ${t.checkIntervalMinutes} between 1 and 60`,
    ),
  ],
);

/**
 * How many connectors an organisation has per environment and status, as rows to add up: statement-level triggers on
 * connectors append each statement's changes (migration 0019), and the sweep folds an organisation's rows into one per
 * environment and status (foldConnectorCounts). Appending takes no lock another writer waits for; the list's tabs and
 * status overview add up these few rows instead of counting every connector of the organisation (10,000 connectors:
 * 1.2 ms on Postgres, 8.7 ms on the embedded database, per list page).
 */
export const connectorCounts = pgTable(
  "connector_counts",
  {
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    environment: environmentEnum().notNull(),
    status: connectorStatusEnum().notNull(),
    n: integer().notNull(),
  },
  (t) => [index("connector_counts_org_idx").on(t.orgId, t.environment, t.status)],
);

export type Connector = typeof connectors.$inferSelect;
export type ConnectorStatus = (typeof CONNECTOR_STATUSES)[number];
export type Environment = (typeof ENVIRONMENTS)[number];
