import { z } from "zod";
import { SYNC_STATUSES } from "@/db/schema";
import { cleanRelayedText, text } from "@/lib/validation/text";

export const MAX_RUNS_PER_BATCH = 1_000;
/** 1,000 ordinary runs are ~250 KB; the cap leaves room for long error messages and stops abuse well before memory does. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
export const MAX_ERROR_MESSAGE = 4_000;
const INT4_MAX = 2_147_483_647;
// Postgres refuses years like 0000 with a server error; anything outside this window is a client bug anyway.
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** ISO 8601 with a zone (`Z` or `+01:00`): a run's time must not depend on the server's time zone. */
const instant = z.iso
  .datetime({ offset: true, error: "Use an ISO 8601 date-time with a time zone, e.g. 2026-03-01T09:12:00Z." })
  .refine((v) => {
    const t = Date.parse(v);
    return t >= EARLIEST && t < LATEST;
  }, "Use a date between 2000 and 2099.");
/** References per run (order numbers, SKUs, customer ids) and their length: what the report searches. */
export const MAX_REFERENCES = 50;
export const MAX_REFERENCE_LENGTH = 200;
const count = z.int("Use a whole number.").min(0, "Use 0 or more.").max(INT4_MAX, "Too large.");

export const syncRunInputSchema = z
  .object({
    externalId: text("externalId", { required: "Required." })
      .min(1, "Required.")
      .max(200, "Use at most 200 characters.")
      .describe("Your id of the run: a run sent again with the same id replaces the stored one."),
    serviceId: z
      .uuid("Use the id (a UUID) of one of your organisation's services.")
      .describe("A service of the token's organisation."),
    startedAt: instant.describe("ISO 8601 with a time zone, between 2000 and 2099."),
    finishedAt: instant.nullish().describe("Not before startedAt; null or absent while the run is going."),
    status: z.enum(SYNC_STATUSES, { error: `Use one of: ${SYNC_STATUSES.join(", ")}.` }),
    pulled: count.default(0).describe("Records read from the source."),
    pushed: count.default(0).describe("Records written to the destination."),
    // Engine text we only display: cleaned rather than refused (lib/validation/text, cleanRelayedText).
    errorMessage: z
      .string()
      .max(MAX_ERROR_MESSAGE, `Use at most ${MAX_ERROR_MESSAGE} characters.`)
      .transform(cleanRelayedText)
      .nullish()
      .describe("Shown to people; control characters are removed."),
    references: z
      .array(
        text("A reference", { required: "Use text." })
          .min(1, "Must not be empty.")
          .max(MAX_REFERENCE_LENGTH, `Use at most ${MAX_REFERENCE_LENGTH} characters.`),
        { error: "Send `references` as an array of text." },
      )
      .max(MAX_REFERENCES, `Use at most ${MAX_REFERENCES} references per run.`)
      .transform((refs) => [...new Set(refs)])
      .optional()
      .describe(
        `Order numbers, SKUs, customer ids the run handled: up to ${MAX_REFERENCES}, each 1–${MAX_REFERENCE_LENGTH} characters, one line (trimmed). The sync report searches them (exact or prefix). When sent, they replace the run's stored references; when absent, those stay.`,
      ),
    resyncOf: text("resyncOf", { required: "Use text." })
      .min(1, "Must not be empty.")
      .max(200, "Use at most 200 characters.")
      .optional()
      .describe(
        "The externalId of the failed run this run resyncs: its open resync request completes with this run's status (ok or failed; a sent or pending run leaves it open until reported again as ok or failed).",
      ),
  })
  // Only compares two valid times: a bad startedAt is reported on its own field, not again on finishedAt.
  .refine((r) => !r.finishedAt || !(Date.parse(r.finishedAt) < Date.parse(r.startedAt)), {
    path: ["finishedAt"],
    error: "Must not be before startedAt.",
  })
  .refine((r) => r.resyncOf === undefined || r.resyncOf !== r.externalId, {
    path: ["resyncOf"],
    error: "A run cannot resync itself: use the externalId of the failed run.",
  });

export const syncRunBatchSchema = z.object({
  runs: z
    .array(syncRunInputSchema, { error: "Send `runs`: an array of sync runs." })
    .min(1, "Send at least one run.")
    .max(MAX_RUNS_PER_BATCH, `At most ${MAX_RUNS_PER_BATCH} runs per batch; split larger batches.`),
});

export type SyncRunInput = z.output<typeof syncRunInputSchema>;

/** The answer to a stored batch (the OpenAPI document's response schema; ingestSyncRuns is typed through it). */
export const ingestResultSchema = z
  .object({
    received: z.int().min(0).describe("Runs in the batch."),
    inserted: z.int().min(0).describe("Runs not seen before."),
    updated: z.int().min(0).describe("Known runs whose report changed."),
    unchanged: z.int().min(0).describe("Known runs reported again without a change."),
  })
  .meta({ id: "IngestResult" });
export type IngestResult = z.infer<typeof ingestResultSchema>;
