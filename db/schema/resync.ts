import { sql } from "drizzle-orm";
import { bigint, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { syncRuns } from "./services";
import { users } from "./users";

export const RESYNC_STATUSES = ["pending", "claimed", "completed", "expired"] as const;
export const resyncStatusEnum = pgEnum("resync_status", RESYNC_STATUSES);
export const RESYNC_RESULTS = ["ok", "failed"] as const;
export const resyncResultEnum = pgEnum("resync_result", RESYNC_RESULTS);

/**
 * A person's request that the sync engine run a failed sync again (Patchbay does not run syncs). pending -> claimed
 * (leased by an engine worker; acknowledged = picked up) -> completed by the run the engine reports with `resyncOf`.
 * A request not picked up within 24 hours is expired (marked lazily, see db/queries/resync-requests.ts); only one
 * open (pending or claimed) request per run.
 */
export const resyncRequests = pgTable(
  "resync_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    syncRunId: bigint({ mode: "number" })
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    requestedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Kept so "requested by Ada" still reads right after the user is deleted. */
    requestedByName: text().notNull(),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    status: resyncStatusEnum().notNull().default("pending"),
    claimedAt: timestamp({ withTimezone: true }),
    /** The engine worker's own id, as it sent it. */
    claimedBy: text(),
    leaseUntil: timestamp({ withTimezone: true }),
    acknowledgedAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    resultStatus: resyncResultEnum(),
    completedByRunId: bigint({ mode: "number" }).references(() => syncRuns.id, { onDelete: "set null" }),
  },
  (t) => [
    // One open request per run. Expired rows are marked before an insert, in its transaction, so they never block one.
    uniqueIndex("resync_requests_open_run_uq")
      .on(t.syncRunId)
      .where(sql`${t.status} in ('pending', 'claimed')`),
    // The latest request of each run shown (the summary's and the report's rows).
    index("resync_requests_run_requested_idx").on(t.syncRunId, t.requestedAt),
    // What the engine lists and claims: an organisation's open requests, oldest first.
    index("resync_requests_org_open_idx")
      .on(t.orgId, t.requestedAt)
      .where(sql`${t.status} in ('pending', 'claimed')`),
  ],
);

/**
 * A sync run's references (order numbers, SKUs, customer ids) as the engine reported them, one row each. A row per
 * reference, not a text[] column: the report's search is exact and prefix, and only a btree serves a prefix
 * (text_pattern_ops: LIKE 'SO-10%' is a range scan whatever the database's collation); a GIN index over text[]
 * answers equality and containment only.
 */
export const syncRunReferences = pgTable(
  "sync_run_references",
  {
    syncRunId: bigint({ mode: "number" })
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    reference: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.syncRunId, t.reference] }),
    index("sync_run_references_org_reference_idx").on(t.orgId, sql`${t.reference} text_pattern_ops`, t.syncRunId),
  ],
);

export type ResyncRequest = typeof resyncRequests.$inferSelect;
export type ResyncStatus = (typeof RESYNC_STATUSES)[number];
