import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type DbOrTx, migrationsFolder } from "@/db";
import { isUndefinedTable } from "@/db/errors";
import { jobRuns } from "@/db/schema";
import { executeRows } from "./execute";

/** The health sweep's name in job_runs. */
export const SWEEP_JOB = "health-sweep";

let newest: number | undefined;

/**
 * The newest migration this code ships: its `when` in the migrations journal, which is what drizzle's migrator
 * (both drivers) stores as `created_at` in drizzle.__drizzle_migrations when it applies it. Read once per process.
 */
export function newestMigrationMillis(): number {
  if (newest === undefined) {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
      entries: { when: number }[];
    };
    newest = Math.max(...journal.entries.map((e) => e.when));
  }
  return newest;
}

/** The newest migration applied to this database (its journal `when`), or null when none ever was. */
export async function latestAppliedMigrationMillis(db: DbOrTx): Promise<number | null> {
  try {
    const rows = await executeRows<{ latest: string | number | null }>(
      db,
      sql`select max(created_at) as latest from drizzle.__drizzle_migrations`,
    );
    const latest = rows.at(0)?.latest ?? null;
    return latest === null ? null : Number(latest);
  } catch (error) {
    if (isUndefinedTable(error)) return null; // never migrated
    throw error;
  }
}

/** Stamps a job as finished now (the database's clock, shared by every instance). */
export async function recordJobFinished(db: DbOrTx, job: string): Promise<void> {
  await db
    .insert(jobRuns)
    .values({ job, finishedAt: sql`now()` })
    .onConflictDoUpdate({ target: jobRuns.job, set: { finishedAt: sql`now()` } });
}

/** Seconds since the job last finished, by the database's clock; null when it never has. */
export async function secondsSinceJobFinished(db: DbOrTx, job: string): Promise<number | null> {
  const rows = await executeRows<{ age: string | number | null }>(
    db,
    sql`select extract(epoch from now() - ${jobRuns.finishedAt})::float8 as age from ${jobRuns} where ${jobRuns.job} = ${job}`,
  );
  const age = rows.at(0)?.age ?? null;
  return age === null ? null : Number(age);
}
