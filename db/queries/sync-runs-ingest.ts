import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { services, type SyncStatus, syncRuns } from "@/db/schema";

/** One run as the ingest API writes it (lib/sync-ingest/schema.ts validates it into this shape). */
export interface SyncRunWrite {
  externalId: string;
  serviceId: string;
  /** ISO 8601 with a zone. */
  startedAt: string;
  finishedAt?: string | null;
  status: SyncStatus;
  pulled: number;
  pushed: number;
  errorMessage?: string | null;
}

/** Which of these service ids belong to the organisation (another organisation's look exactly like unknown ones). */
export async function findOwnServiceIds(
  db: DbOrTx,
  { orgId, ids }: { orgId: string; ids: string[] },
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.orgId, orgId), inArray(services.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/**
 * Upserts a batch in ONE statement: the rows travel as a single JSON parameter expanded by jsonb_to_recordset (one
 * bind value instead of 9,000, and one round trip). A conflicting row is rewritten only when a value differs, so a
 * retried batch writes nothing; `xmax = 0` tells a fresh insert from an update among the rows that were written.
 * Callers guarantee unique external ids within the batch (Postgres refuses to update one row twice per statement).
 */
export async function upsertSyncRuns(db: DbOrTx, { orgId, runs }: { orgId: string; runs: SyncRunWrite[] }) {
  const payload = JSON.stringify(
    runs.map((r) => ({
      external_id: r.externalId,
      service_id: r.serviceId,
      started_at: r.startedAt,
      finished_at: r.finishedAt ?? null,
      status: r.status,
      pulled: r.pulled,
      pushed: r.pushed,
      error_message: r.errorMessage ?? null,
    })),
  );
  const result = (await db.execute(sql`
    insert into sync_runs as t (org_id, service_id, external_id, started_at, finished_at, status, pulled_count, pushed_count, error_message)
    select ${orgId}::uuid, r.service_id, r.external_id, r.started_at, r.finished_at, r.status::sync_status, r.pulled, r.pushed, r.error_message
    from jsonb_to_recordset(${payload}::jsonb) as r(external_id text, service_id uuid, started_at timestamptz, finished_at timestamptz,
      status text, pulled integer, pushed integer, error_message text)
    on conflict (org_id, external_id) do update set
      service_id = excluded.service_id, started_at = excluded.started_at, finished_at = excluded.finished_at, status = excluded.status,
      pulled_count = excluded.pulled_count, pushed_count = excluded.pushed_count, error_message = excluded.error_message, updated_at = now()
    where (t.service_id, t.started_at, t.finished_at, t.status, t.pulled_count, t.pushed_count, t.error_message)
      is distinct from (excluded.service_id, excluded.started_at, excluded.finished_at, excluded.status,
        excluded.pulled_count, excluded.pushed_count, excluded.error_message)
    returning (t.xmax = 0) as inserted`)) as { rows: { inserted: boolean }[] };
  const inserted = result.rows.filter((r) => r.inserted).length;
  return { inserted, updated: result.rows.length - inserted };
}

/** Plain inserts of generated history (the demo seed), 1,000 rows per statement. */
export async function insertSyncRuns(db: DbOrTx, rows: (typeof syncRuns.$inferInsert & { orgId: string })[]) {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(syncRuns).values(rows.slice(i, i + 1000));
}

/**
 * Replaces the references of the batch's runs that sent some (an empty list clears them): one delete and one insert
 * for the whole batch, each a single JSON parameter. Runs the batch did not send references for keep theirs.
 */
export async function replaceSyncRunReferences(
  db: DbOrTx,
  { orgId, runs }: { orgId: string; runs: { externalId: string; references: string[] }[] },
) {
  if (runs.length === 0) return;
  const payload = JSON.stringify(runs.map((r) => ({ external_id: r.externalId, refs: r.references })));
  const batch = sql`select s.id, v.refs from jsonb_to_recordset(${payload}::jsonb) as v(external_id text, refs jsonb)
    join sync_runs s on s.org_id = ${orgId} and s.external_id = v.external_id`;
  await db.execute(sql`delete from sync_run_references r using (${batch}) b where r.sync_run_id = b.id`);
  await db.execute(sql`insert into sync_run_references (sync_run_id, org_id, reference)
    select b.id, ${orgId}::uuid, x from (${batch}) b, jsonb_array_elements_text(b.refs) as x
    on conflict do nothing`);
}
