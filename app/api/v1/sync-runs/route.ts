import { readJsonBody } from "@/lib/api/body";
import { apiRoute } from "@/lib/api/route";
import { ingestSyncRuns } from "@/lib/sync-ingest/ingest";
import { MAX_BODY_BYTES } from "@/lib/sync-ingest/schema";

export const dynamic = "force-dynamic";

/** The sync engine reports runs in batches of up to 1,000 (README "API"): all stored, or none with per-row errors. */
export const POST = apiRoute("sync-runs.ingest", async (request, { db, orgId }) => {
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  return ingestSyncRuns(db, { orgId, body });
});
