import type { Db } from "@/db";
import { completeRequestsByResyncRuns } from "@/db/queries/resync-requests";
import { findOwnServiceIds, replaceSyncRunReferences, upsertSyncRuns } from "@/db/queries/sync-runs-ingest";
import { ApiError, zodFields } from "@/lib/api/errors";
import { isForeignKeyViolation } from "@/db/errors";
import { countSyncRunsIngested } from "@/lib/metrics/record";
import { type IngestResult, syncRunBatchSchema, type SyncRunInput } from "./schema";

const invalid = (fields: Record<string, string[]>) =>
  new ApiError(
    422,
    "validation_failed",
    "The batch was not stored: correct the runs listed in `fields` and send the whole batch again.",
    fields,
  );

/** Rows that name the same external id twice: which one should win is ambiguous, so the batch is refused. */
function duplicateIds(runs: SyncRunInput[]): Record<string, string[]> {
  const first = new Map<string, number>();
  const fields: Record<string, string[]> = {};
  runs.forEach((run, i) => {
    const seen = first.get(run.externalId);
    if (seen === undefined) first.set(run.externalId, i);
    else fields[`runs[${i}].externalId`] = [`Appears more than once in this batch (first at runs[${seen}]).`];
  });
  return fields;
}

/**
 * Stores a batch of sync runs for the organisation. ALL OR NONE: every row is validated first (shape, duplicate
 * external ids, services of this organisation); one bad row means 422 listing each bad row by index and field, and
 * nothing is written. Otherwise one upsert in one transaction: idempotent by (organisation, external id), the latest
 * report of a run wins, and a row that did not change is not rewritten. References sent with a run replace its stored
 * ones; a run sent with `resyncOf` completes the open resync request of the run it names (lib/resync).
 */
export async function ingestSyncRuns(db: Db, { orgId, body }: { orgId: string; body: unknown }): Promise<IngestResult> {
  const parsed = syncRunBatchSchema.safeParse(body);
  if (!parsed.success) throw invalid(zodFields(parsed.error));
  const { runs } = parsed.data;
  const duplicates = duplicateIds(runs);
  if (Object.keys(duplicates).length) throw invalid(duplicates);

  try {
    const result = await db.transaction(async (tx) => {
      const own = await findOwnServiceIds(tx, { orgId, ids: [...new Set(runs.map((r) => r.serviceId))] });
      const unknown: Record<string, string[]> = {};
      runs.forEach((r, i) => {
        if (!own.has(r.serviceId)) unknown[`runs[${i}].serviceId`] = ["Service not found."];
      });
      if (Object.keys(unknown).length) throw invalid(unknown);
      const { inserted, updated } = await upsertSyncRuns(tx, { orgId, runs });
      await replaceSyncRunReferences(tx, {
        orgId,
        runs: runs.flatMap((r) => (r.references ? [{ externalId: r.externalId, references: r.references }] : [])),
      });
      await completeRequestsByResyncRuns(tx, {
        orgId,
        resyncs: runs.flatMap((r) => (r.resyncOf ? [{ externalId: r.externalId, resyncOf: r.resyncOf }] : [])),
      });
      return { received: runs.length, inserted, updated, unchanged: runs.length - inserted - updated };
    });
    countSyncRunsIngested(result);
    return result;
  } catch (error) {
    // A service deleted between the check and the insert: nothing was written, and a retry gets the per-row answer.
    if (isForeignKeyViolation(error))
      throw new ApiError(
        409,
        "conflict",
        "A service of this batch was deleted while it was stored; nothing was written. Retry the batch.",
      );
    throw error;
  }
}
