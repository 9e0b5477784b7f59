import { getApiConnectorView } from "@/lib/api/connectors";
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** One connector's health and sync totals; another organisation's id is "not found". */
export const GET = apiRoute<{ id: string }>("connectors.get", async (_request, { db, orgId }, { id }) => ({
  data: await getApiConnectorView(db, { orgId, id }),
}));
