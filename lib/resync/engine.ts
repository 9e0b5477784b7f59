import type { z } from "zod";
import type { Db } from "@/db";
import {
  acknowledgeRequest,
  claimRequests,
  type EngineResyncRequest,
  getRequestStatus,
  listEngineRequests,
} from "@/db/queries/resync-requests";
import { ApiError, apiNotFound, zodFields } from "@/lib/api/errors";
import { ackBodySchema, ackPathSchema, claimBodySchema, listQuerySchema } from "./schemas";

/**
 * What the sync engine calls (app/api/v1/resync-requests): list open requests, claim a batch with a lease, and
 * acknowledge one when a worker starts it. Completion arrives with the new run (`resyncOf`, lib/sync-ingest).
 */

const invalidQuery = (error: z.ZodError) =>
  new ApiError(400, "invalid_request", "The query is not valid.", zodFields(error));
const invalidBody = (error: z.ZodError) =>
  new ApiError(422, "validation_failed", "The request was not valid: see `fields`.", zodFields(error));

export async function listResyncRequestsForEngine(
  db: Db,
  { orgId, searchParams }: { orgId: string; searchParams: URLSearchParams },
): Promise<{ data: EngineResyncRequest[] }> {
  const parsed = listQuerySchema.safeParse({
    status: searchParams.get("status") ?? undefined,
    limit: searchParams.get("limit") ?? undefined,
  });
  if (!parsed.success) throw invalidQuery(parsed.error);
  return { data: await listEngineRequests(db, { orgId, ...parsed.data }) };
}

export async function claimResyncRequests(
  db: Db,
  { orgId, body }: { orgId: string; body: unknown },
): Promise<{ data: EngineResyncRequest[] }> {
  const parsed = claimBodySchema.safeParse(body);
  if (!parsed.success) throw invalidBody(parsed.error);
  return { data: await claimRequests(db, { orgId, ...parsed.data }) };
}

export async function acknowledgeResyncRequest(
  db: Db,
  { orgId, id, body }: { orgId: string; id: string; body: unknown },
): Promise<{ data: EngineResyncRequest }> {
  // A malformed id is as unknown as another organisation's.
  if (!ackPathSchema.safeParse({ id }).success) throw apiNotFound("Resync request");
  const parsed = ackBodySchema.safeParse(body ?? {});
  if (!parsed.success) throw invalidBody(parsed.error);
  const acked = await acknowledgeRequest(db, { orgId, id, workerId: parsed.data.workerId ?? null });
  if (acked) return { data: acked };
  const status = await getRequestStatus(db, { orgId, id });
  if (!status) throw apiNotFound("Resync request");
  throw new ApiError(
    409,
    "conflict",
    status === "expired"
      ? "The request expired (not picked up within 24 hours); it can be requested again in Patchbay."
      : "The request is already completed.",
  );
}
