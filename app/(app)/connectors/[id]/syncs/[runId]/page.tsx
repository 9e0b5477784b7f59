import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { getSyncRun } from "@/db/queries/connector-summary";
import { listResyncStates } from "@/db/queries/resync-requests";
import { SyncRunDetailsView } from "@/components/connectors/summary/sync-run-details";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format/date";
import { loadConnectorPage } from "../../connector-context";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string; runId: string }>;

/** The run id in the path: a positive whole number the database can hold, else no such page. */
const parseRunId = (raw: string) => (/^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : null);

/** Once per request for the metadata and the page; another organisation's or connector's run is a 404. */
const loadRun = cache(async (id: string, runId: string) => {
  const { user, connector } = await loadConnectorPage(id);
  const run = parseRunId(runId);
  const found =
    run === null
      ? undefined
      : await getSyncRun(await getDb(), { orgId: user.orgId, connectorId: connector.id, runId: run });
  if (!found) notFound();
  return { user, connector, run: found };
});
const load = async (params: Params) => {
  const { id, runId } = await params;
  return loadRun(id, runId);
};

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { connector, run } = await load(params);
  return { title: `Sync ${run.externalId} · ${connector.name}` };
}

/** A sync of a service using the connector, with its whole error and its resync state: failed syncs link here. */
export default async function SyncRunPage({ params }: { params: Params }) {
  const { user, connector, run } = await load(params);
  const states = await listResyncStates(await getDb(), { orgId: user.orgId, runIds: [run.id] });
  return (
    <SyncRunDetailsView
      run={run}
      connectorId={connector.id}
      when={(d) => formatDateTime(d, connector.timeZone, connector.dateFormat)}
      resync={{ state: states.get(run.id), canResync: can(user, "syncs.resync") }}
    />
  );
}
