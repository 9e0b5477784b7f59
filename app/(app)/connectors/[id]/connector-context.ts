import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { getConnectorSummary } from "@/db/queries/connectors";
import { requireUser } from "@/lib/auth/session";

/** Whether a path segment can be a connector id at all (anything else is a 404 without asking the database). */
export const isConnectorId = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** The signed-in user and the connector, once per request for the layout and its page; another organisation's id is a 404. */
export const loadConnectorPage = cache(async (id: string) => {
  const user = await requireUser();
  const connector = isConnectorId(id) ? await getConnectorSummary(await getDb(), { orgId: user.orgId, id }) : undefined;
  if (!connector) notFound();
  return { user, connector };
});
