import { z } from "zod";
import { MAX_RESYNC_BATCH } from "./limits";

/** The form sends the chosen runs as one comma-separated field, `runIds`. */
export const requestResyncSchema = z.object({
  runIds: z
    .string({ error: "Choose at least one failed sync." })
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(/^[1-9][0-9]{0,14}$/, "A sync id is not valid."))
        .min(1, "Choose at least one failed sync.")
        .max(
          MAX_RESYNC_BATCH,
          `At most ${MAX_RESYNC_BATCH} syncs can be resynced at once; choose fewer and resync the rest after.`,
        )
        .transform((ids) => [...new Set(ids.map(Number))]),
    ),
});
export type RequestResyncInput = z.output<typeof requestResyncSchema>;

/** What happened to each run a person asked to resync. */
export const RESYNC_OUTCOMES = ["requested", "already_open", "not_failed", "not_found"] as const;
export type ResyncOutcome = (typeof RESYNC_OUTCOMES)[number];

// ---- The engine API (GET /api/v1/resync-requests, the claim, the acknowledgement) ----

export const MAX_CLAIM = 100;
export const MAX_LEASE_SECONDS = 3_600;

export const listQuerySchema = z.object({
  status: z
    .enum(["pending", "claimed"], { error: "Use `pending` or `claimed`." })
    .default("pending")
    .describe("`pending`: waiting to be claimed (not expired). `claimed`: leased or acknowledged now."),
  limit: z.coerce
    .number({ error: "Use a whole number." })
    .int("Use a whole number.")
    .min(1, "Use at least 1.")
    .max(MAX_CLAIM, `Use at most ${MAX_CLAIM}.`)
    .default(MAX_CLAIM)
    .describe(`At most this many, oldest first (1–${MAX_CLAIM}, default ${MAX_CLAIM}).`),
});

const workerId = z
  .string({ error: "Use a text id of the worker." })
  .trim()
  .min(1, "Required.")
  .max(200, "Use at most 200 characters.")
  .regex(/^[\x21-\x7e]+$/, "Use printable ASCII without spaces.")
  .describe("The worker's own id, stored with the claim (e.g. its host name and process id).");

export const claimBodySchema = z.object({
  limit: z
    .int("Use a whole number.")
    .min(1, "Use at least 1.")
    .max(MAX_CLAIM, `Use at most ${MAX_CLAIM}.`)
    .default(10)
    .describe(`How many requests to lease at most (1–${MAX_CLAIM}, default 10).`),
  leaseSeconds: z
    .int("Use a whole number.")
    .min(10, "Use at least 10.")
    .max(MAX_LEASE_SECONDS, `Use at most ${MAX_LEASE_SECONDS}.`)
    .default(300)
    .describe(
      "How long the lease lasts (10–3600 s, default 300). A claim not acknowledged in time can be claimed again.",
    ),
  workerId,
});

export const ackPathSchema = z.object({ id: z.uuid().describe("The resync request's id.") });
export const ackBodySchema = z.object({ workerId: workerId.optional() });

export const engineRequestSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(["pending", "claimed", "completed", "expired"]),
    requestedAt: z.string().describe("ISO 8601, UTC."),
    requestedBy: z.string().describe("The name of the person who asked."),
    claimedBy: z.string().nullable().describe("The worker that holds or held the lease."),
    leaseUntil: z.string().nullable().describe("ISO 8601, UTC: when the lease runs out unless acknowledged."),
    acknowledgedAt: z.string().nullable().describe("ISO 8601, UTC: when a worker picked it up."),
    run: z
      .object({
        externalId: z.string().describe("Your id of the failed run: send the new run with `resyncOf` set to it."),
        serviceId: z.uuid(),
        startedAt: z.string(),
        status: z.enum(["ok", "sent", "pending", "failed"]),
      })
      .describe("The run to sync again."),
  })
  .meta({ id: "ResyncRequest" });
export const engineRequestListSchema = z.object({ data: z.array(engineRequestSchema) });
export const oneEngineRequestSchema = z.object({ data: engineRequestSchema });
