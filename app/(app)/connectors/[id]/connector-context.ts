import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { getConnectorSummary } from "@/db/queries/connectors";
import { requireUser } from "@/lib/auth/session";

/** The signed-in user and the connector, once per request for the layout and its page; another organisation's id is a 404. */
export const loadConnectorPage = cache(async (id: string) => {
  const user = await requireUser();
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const connector = uuid ? await getConnectorSummary(await getDb(), { orgId: user.orgId, id }) : undefined;
  if (!connector) notFound();
  return { user, connector };
});
