import { cache } from "react";
import { getDb } from "@/db";
import { getLatencySeries, getTimeline, getUptime } from "@/db/queries/connector-history";
import { getSyncTotals, listConnectorServices, listFailedSyncs } from "@/db/queries/connector-summary";
import { listResyncStates } from "@/db/queries/resync-requests";
import { FailedSyncs } from "@/components/connectors/summary/failed-syncs";
import { LatencyChart } from "@/components/connectors/summary/latency-chart";
import { SummarySection, type FormatDate } from "@/components/connectors/summary/section";
import { ServicesList } from "@/components/connectors/summary/services-list";
import { Timeline } from "@/components/connectors/summary/status-history";
import { UptimeStats } from "@/components/connectors/summary/uptime-stats";
import { SyncTotalsCards } from "@/components/connectors/summary/sync-totals";

/**
 * The summary page's sections below the status banner. Each reads its own data, so the page streams them behind
 * Suspense boundaries (the header and banner reach the browser first, the slowest section no longer holds the rest).
 */
type Scope = { orgId: string; connectorId: string };
type Section = { scope: Scope; now: Date };

const CHART_HOURS = 7 * 24;
/** The failed syncs listed: the same 7 days as the totals' second card. */
export const FAILED_DAYS = 7;
/** Services shown before "Show all"; status and settings changes shown before "Show older". */
export const SERVICES_SHOWN = 5;
export const TIMELINE_STEP = 6;
const TIMELINE_MAX = 200;
const DAY = 86_400_000;

export const SECTIONS = {
  totals: {
    title: "Snapshot, last 24 hours and last 7 days",
    description: "Syncs and transactions of every service using this connector as source or destination.",
  },
  services: { title: "Services using this connector" },
  failed: {
    title: `Failed syncs, last ${FAILED_DAYS} days`,
    description: "Most recent first. Open an error to read the full details.",
  },
  history: { title: "Status history" },
} as const;

/** How many status and settings changes the page shows: `?changes=12` after "Show older" (steps of 6, at most 200). */
export function timelineLength(raw: string | undefined): number {
  const n = Math.floor(Number(raw));
  return Number.isFinite(n) && n > TIMELINE_STEP
    ? Math.min(TIMELINE_MAX, Math.ceil(n / TIMELINE_STEP) * TIMELINE_STEP)
    : TIMELINE_STEP;
}

/** The 7 days' totals, read once per request for the totals and for the failed syncs' count. */
const loadTotals = cache(async (orgId: string, connectorId: string, now: number) =>
  getSyncTotals(await getDb(), { orgId, connectorId, now: new Date(now) }),
);

export async function TotalsSection({ scope, now }: Section) {
  const totals = await loadTotals(scope.orgId, scope.connectorId, now.getTime());
  return (
    <SummarySection id="totals" {...SECTIONS.totals}>
      <SyncTotalsCards {...totals} />
    </SummarySection>
  );
}

export async function ServicesSection({ scope, all, allHref }: { scope: Scope; all: boolean; allHref: string }) {
  const usedBy = await listConnectorServices(await getDb(), scope);
  const count = usedBy.length;
  return (
    <SummarySection
      id="services"
      title={SECTIONS.services.title}
      description={count ? `${count} ${count === 1 ? "service" : "services"}` : undefined}
    >
      <ServicesList services={all ? usedBy : usedBy.slice(0, SERVICES_SHOWN)} total={count} allHref={allHref} />
    </SummarySection>
  );
}

export async function FailedSyncsSection({
  scope,
  now,
  page,
  when,
  canResync,
}: Section & { page: number; when: FormatDate; canResync: boolean }) {
  const db = await getDb();
  const { week } = await loadTotals(scope.orgId, scope.connectorId, now.getTime());
  const failed = await listFailedSyncs(db, {
    ...scope,
    page,
    since: new Date(now.getTime() - FAILED_DAYS * DAY),
    until: now,
    total: week.failed,
  });
  const states = await listResyncStates(db, { orgId: scope.orgId, runIds: failed.rows.map((r) => r.id) });
  return (
    <SummarySection id="failed-syncs-heading" {...SECTIONS.failed}>
      <FailedSyncs
        data={failed}
        days={FAILED_DAYS}
        basePath={`/connectors/${scope.connectorId}`}
        reportHref={`/sync-reports?${new URLSearchParams({
          from: new Date(now.getTime() - 14 * DAY).toISOString().slice(0, 10),
          to: now.toISOString().slice(0, 10),
          status: "failed",
          connector: scope.connectorId,
        })}`}
        when={when}
        resync={{ states: Object.fromEntries(states), canResync }}
      />
    </SummarySection>
  );
}

export async function HistorySection({
  scope,
  now,
  when,
  zone,
  changes,
  olderHref,
}: Section & { when: FormatDate; zone: { timeZone: string; dateFormat: string }; changes: number; olderHref: string }) {
  const db = await getDb();
  const [uptime, latency, timeline] = await Promise.all([
    getUptime(db, { ...scope, now }),
    getLatencySeries(db, { ...scope, timeZone: zone.timeZone, now, hours: CHART_HOURS }),
    // One more than shown: it tells whether there are older changes, and whether a settings change caused the last.
    getTimeline(db, { ...scope, limit: changes + 1 }),
  ]);
  return (
    <SummarySection
      id="history"
      title={SECTIONS.history.title}
      description={`Uptime is the share of health checks that found the connector operational, leaving out paused and maintenance time. Times in ${zone.timeZone}.`}
    >
      <div className="space-y-6">
        <UptimeStats uptime={uptime} />
        <div>
          <h3 className="mb-2 text-sm font-medium text-slate-700">Latency, last 7 days</h3>
          <LatencyChart points={latency} hours={CHART_HOURS} when={when} zone={zone} now={now} />
        </div>
        <div>
          <h3 className="mb-3 text-sm font-medium text-slate-700">Status and settings changes, newest first</h3>
          <Timeline
            entries={timeline}
            shown={changes}
            when={when}
            connectorId={scope.connectorId}
            olderHref={olderHref}
          />
        </div>
      </div>
    </SummarySection>
  );
}
