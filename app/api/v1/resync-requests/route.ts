import { apiRoute } from "@/lib/api/route";
import { listResyncRequestsForEngine } from "@/lib/resync/engine";

export const dynamic = "force-dynamic";

/** Open resync requests for the sync engine, oldest first (README "API"). */
export const GET = apiRoute("resync-requests.list", async (request, { db, orgId }) =>
  listResyncRequestsForEngine(db, { orgId, searchParams: new URL(request.url).searchParams }),
);
