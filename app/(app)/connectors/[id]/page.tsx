import type { Metadata } from "next";
import { getDb } from "@/db";
import { getLatencySeries, getTimeline, getUptime } from "@/db/queries/connector-history";
import { getImpact, getSyncTotals, listConnectorServices, listFailedSyncs } from "@/db/queries/connector-summary";
import { activeWindowsOf } from "@/db/queries/maintenance";
import { MaintenanceBadge } from "@/components/connectors/maintenance-badge";
import { listResyncStates } from "@/db/queries/resync-requests";
import { FailedSyncs } from "@/components/connectors/summary/failed-syncs";
import { LatencyChart } from "@/components/connectors/summary/latency-chart";
import { SummarySection } from "@/components/connectors/summary/section";
import { ServicesList } from "@/components/connectors/summary/services-list";
import { StatusBanner } from "@/components/connectors/summary/status-banner";
import { Timeline, UptimeStats } from "@/components/connectors/summary/status-history";
import { SyncTotalsCards } from "@/components/connectors/summary/sync-totals";
import { LiveUpdates } from "@/components/live/live-updates";
import { CreatedNotice } from "@/components/connectors/summary/created-notice";
import { getSystem } from "@/lib/systems";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format/date";
import { env } from "@/lib/env";
import { toMaintenanceView } from "@/lib/maintenance/view";
import { loadConnectorPage } from "./connector-context";

/** "Shopify UK · Summary · Patchbay": the connector comes from the same once-per-request lookup the page uses. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { connector } = await loadConnectorPage((await params).id);
  return { title: `${connector.name} · Summary` };
}
export const dynamic = "force-dynamic";

const CHART_HOURS = 7 * 24;
/** The failed syncs listed: the same 7 days as the totals' second card. */
const FAILED_DAYS = 7;
const TIMELINE_ENTRIES = 30;

export default async function ConnectorSummaryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ page?: string | string[]; created?: string | string[] }>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { user, connector } = await loadConnectorPage(id);
  const db = await getDb();
  const scope = { orgId: user.orgId, connectorId: connector.id };
  const page = Number(Array.isArray(query.page) ? query.page[0] : query.page) || 1;
  // One clock for every window on the page, so the totals, uptime and chart describe the same moment.
  const now = new Date();
  const [totals, usedBy, failed, impact, uptime, latency, timeline, windows] = await Promise.all([
    getSyncTotals(db, { ...scope, now }),
    listConnectorServices(db, scope),
    listFailedSyncs(db, { ...scope, page, since: new Date(now.getTime() - FAILED_DAYS * 86_400_000) }),
    getImpact(db, scope),
    getUptime(db, { ...scope, now }),
    getLatencySeries(db, { ...scope, now, hours: CHART_HOURS }),
    getTimeline(db, { ...scope, limit: TIMELINE_ENTRIES }),
    activeWindowsOf(db, { orgId: user.orgId, connectorIds: [connector.id] }),
  ]);
  const inWindow = windows.get(connector.id);
  const checksOff = inWindow ? toMaintenanceView(inWindow) : null;
  const when = (d: Date) => formatDateTime(d, connector.timeZone, connector.dateFormat);
  const resyncStates = await listResyncStates(db, { orgId: user.orgId, runIds: failed.rows.map((r) => r.id) });

  return (
    <div className="space-y-6">
      {query.created === "1" ? (
        <CreatedNotice
          name={connector.name}
          status={connector.status}
          platformManaged={Boolean(getSystem(connector.systemId)?.platformManaged)}
        />
      ) : null}
      {checksOff ? <MaintenanceBadge m={checksOff} /> : null}
      <LiveUpdates connectorId={connector.id} />
      <StatusBanner
        connector={connector}
        impact={impact}
        canCheck={can(user, "connectors.manage")}
        backoffThreshold={env.HEALTHCHECK_FAILURE_THRESHOLD}
        when={when}
        now={now}
        checksOff={checksOff}
      />
      <SummarySection
        id="totals"
        title="Snapshot, last 24 hours and last 7 days"
        description="Syncs and transactions of every service using this connector as source or destination."
      >
        <SyncTotalsCards {...totals} />
      </SummarySection>
      <SummarySection
        id="services"
        title="Services using this connector"
        description={usedBy.length ? `${usedBy.length} ${usedBy.length === 1 ? "service" : "services"}` : undefined}
      >
        <ServicesList services={usedBy} />
      </SummarySection>
      <div id="failed-syncs" className="scroll-mt-4">
        <SummarySection
          id="failed-syncs-heading"
          title={`Failed syncs, last ${FAILED_DAYS} days`}
          description="Most recent first. Open an error to read the full details."
        >
          <FailedSyncs
            data={failed}
            days={FAILED_DAYS}
            basePath={`/connectors/${connector.id}`}
            reportHref={`/sync-reports?${new URLSearchParams({
              from: new Date(now.getTime() - 14 * 86_400_000).toISOString().slice(0, 10),
              to: now.toISOString().slice(0, 10),
              status: "failed",
              connector: connector.id,
            })}`}
            when={when}
            resync={{ states: Object.fromEntries(resyncStates), canResync: can(user, "syncs.resync") }}
          />
        </SummarySection>
      </div>
      <SummarySection
        id="history"
        title="Status history"
        description={`Uptime is the share of health checks that found the connector operational, leaving out paused and maintenance time. Times in ${connector.timeZone}.`}
      >
        <div className="space-y-6">
          <UptimeStats uptime={uptime} />
          <div>
            <h3 className="mb-2 text-sm font-medium text-slate-700">Latency, last 7 days</h3>
            <LatencyChart points={latency} hours={CHART_HOURS} when={when} now={now} />
          </div>
          <div>
            <h3 className="mb-3 text-sm font-medium text-slate-700">
              Status and settings changes, the {TIMELINE_ENTRIES} most recent
            </h3>
            <Timeline entries={timeline} when={when} connectorId={connector.id} />
          </div>
        </div>
      </SummarySection>
    </div>
  );
}
