import { readJsonBody } from "@/lib/api/body";
import { apiRoute } from "@/lib/api/route";
import { claimResyncRequests } from "@/lib/resync/engine";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 4_096;

/** Leases a batch of pending resync requests to one engine worker; concurrent workers get disjoint batches. */
export const POST = apiRoute("resync-requests.claim", async (request, { db, orgId }) =>
  claimResyncRequests(db, { orgId, body: await readJsonBody(request, MAX_BODY_BYTES) }),
);
