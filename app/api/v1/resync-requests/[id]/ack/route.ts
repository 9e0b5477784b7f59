import { readJsonBody } from "@/lib/api/body";
import { apiRoute } from "@/lib/api/route";
import { acknowledgeResyncRequest } from "@/lib/resync/engine";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 4_096;

/** A worker started a resync ("Picked up"). The body is optional: `{ "workerId": "…" }`. */
export const POST = apiRoute<{ id: string }>("resync-requests.ack", async (request, { db, orgId }, { id }) => {
  const hasBody = Number(request.headers.get("content-length") ?? "0") > 0 || request.headers.has("content-type");
  const body = hasBody ? await readJsonBody(request, MAX_BODY_BYTES) : undefined;
  return acknowledgeResyncRequest(db, { orgId, id, body });
});
