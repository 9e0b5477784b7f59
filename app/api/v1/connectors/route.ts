import { listApiConnectors } from "@/lib/api/connectors";
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** The organisation's connectors with health and sync totals, by name; `?limit=` (<= 100) and `?cursor=` page through. */
export const GET = apiRoute("connectors.list", async (request, { db, orgId }) =>
  listApiConnectors(db, { orgId, searchParams: new URL(request.url).searchParams }),
);
