import { getDb } from "@/db";
import { getLatencySeries, getTimeline, getUptime } from "@/db/queries/connector-history";
import { getImpact, getSyncTotals, listConnectorServices, listFailedSyncs } from "@/db/queries/connector-summary";
import { listResyncStates } from "@/db/queries/resync-requests";
import { FailedSyncs } from "@/components/connectors/summary/failed-syncs";
import { LatencyChart } from "@/components/connectors/summary/latency-chart";
import { SummarySection } from "@/components/connectors/summary/section";
import { ServicesList } from "@/components/connectors/summary/services-list";
import { StatusBanner } from "@/components/connectors/summary/status-banner";
import { Timeline, UptimeStats } from "@/components/connectors/summary/status-history";
import { SyncTotalsCards } from "@/components/connectors/summary/sync-totals";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format/date";
import { env } from "@/lib/env";
import { loadConnectorPage } from "./connector-context";

export const metadata = { title: "Connector summary" };
export const dynamic = "force-dynamic";

const CHART_HOURS = 7 * 24;

export default async function ConnectorSummaryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { user, connector } = await loadConnectorPage(id);
  const db = await getDb();
  const scope = { orgId: user.orgId, connectorId: connector.id };
  const page = Number(Array.isArray(query.page) ? query.page[0] : query.page) || 1;
  // One clock for every window on the page, so the totals, uptime and chart describe the same moment.
  const now = new Date();
  const [totals, usedBy, failed, impact, uptime, latency, timeline] = await Promise.all([
    getSyncTotals(db, { ...scope, now }),
    listConnectorServices(db, scope),
    listFailedSyncs(db, { ...scope, page }),
    getImpact(db, scope),
    getUptime(db, { ...scope, now }),
    getLatencySeries(db, { ...scope, now, hours: CHART_HOURS }),
    getTimeline(db, { ...scope, limit: 30 }),
  ]);
  const when = (d: Date) => formatDateTime(d, connector.timeZone, connector.dateFormat);
  const resyncStates = await listResyncStates(db, { orgId: user.orgId, runIds: failed.rows.map((r) => r.id) });

  return (
    <div className="space-y-6">
      <StatusBanner
        connector={connector}
        impact={impact}
        canCheck={can(user, "connectors.manage")}
        backoffThreshold={env.HEALTHCHECK_FAILURE_THRESHOLD}
        when={when}
        now={now}
      />
      <SummarySection
        id="totals"
        title="Snapshot"
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
          title="Failed syncs"
          description="Most recent first. Open an error to read the full details."
        >
          <FailedSyncs
            data={failed}
            basePath={`/connectors/${connector.id}`}
            when={when}
            resync={{ states: Object.fromEntries(resyncStates), canResync: can(user, "syncs.resync") }}
          />
        </SummarySection>
      </div>
      <SummarySection
        id="history"
        title="Status history"
        description={`Uptime is the share of health checks that found the connector operational. Times in ${connector.timeZone}.`}
      >
        <div className="space-y-6">
          <UptimeStats uptime={uptime} />
          <div>
            <h3 className="mb-2 text-sm font-medium text-slate-700">Latency, last 7 days</h3>
            <LatencyChart points={latency} hours={CHART_HOURS} when={when} now={now} />
          </div>
          <div>
            <h3 className="mb-3 text-sm font-medium text-slate-700">Status and settings changes</h3>
            <Timeline entries={timeline} when={when} />
          </div>
        </div>
      </SummarySection>
    </div>
  );
}
