import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * When each scheduled job last finished, shared by every app instance (the readiness check reads the health sweep's).
 * The migration that creates it stamps the sweep as finished then, so a fresh database is not "late" at once.
 */
export const jobRuns = pgTable("job_runs", {
  job: text().primaryKey(),
  finishedAt: timestamp({ withTimezone: true }).notNull(),
});
