import type { Metadata } from "next";
import { Suspense } from "react";
import { getDb } from "@/db";
import { getImpact } from "@/db/queries/connector-summary";
import { connectorVersion } from "@/db/queries/live";
import { activeWindowsOf } from "@/db/queries/maintenance";
import { MaintenanceBadge } from "@/components/connectors/maintenance-badge";
import { SectionPending } from "@/components/connectors/summary/section";
import { StatusBanner } from "@/components/connectors/summary/status-banner";
import { LiveUpdates } from "@/components/live/live-updates";
import { CreatedNotice } from "@/components/connectors/summary/created-notice";
import { getSystem } from "@/lib/systems";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format/date";
import { env } from "@/lib/env";
import { toMaintenanceView } from "@/lib/maintenance/view";
import { requireUser } from "@/lib/auth/session";
import { isConnectorId, loadConnectorPage } from "./connector-context";
import {
  FailedSyncsSection,
  HistorySection,
  SECTIONS,
  ServicesSection,
  timelineLength,
  TIMELINE_STEP,
  TotalsSection,
} from "./summary-sections";

/** "Shopify UK · Summary · Patchbay": the connector comes from the same once-per-request lookup the page uses. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { connector } = await loadConnectorPage((await params).id);
  return { title: `${connector.name} · Summary` };
}
export const dynamic = "force-dynamic";

type Query = Partial<Record<"page" | "created" | "services" | "changes", string | string[]>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The header (layout) and the status banner render first; totals, services, failed syncs and history stream in behind
 * their own Suspense boundaries, each reading its own data.
 */
export default async function ConnectorSummaryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Query>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const db = await getDb();
  // The banner's reads go out with the connector's (they are scoped by organisation, so an id that turns out not to be
  // one of its connectors finds nothing): the banner is in the page's first bytes.
  const user = await requireUser();
  const known = isConnectorId(id);
  const [{ connector }, impact, windows] = await Promise.all([
    loadConnectorPage(id),
    known ? getImpact(db, { orgId: user.orgId, connectorId: id }) : null,
    known ? activeWindowsOf(db, { orgId: user.orgId, connectorIds: [id] }) : null,
  ]);
  const scope = { orgId: user.orgId, connectorId: connector.id };
  // One clock for every window on the page, so the totals, uptime and chart describe the same moment.
  const now = new Date();
  const inWindow = windows?.get(connector.id);
  const checksOff = inWindow ? toMaintenanceView(inWindow) : null;
  const when = (d: Date) => formatDateTime(d, connector.timeZone, connector.dateFormat);
  const changes = timelineLength(first(query.changes));
  // Links that open one part further keep the other parts as they are.
  const href = (set: Record<string, string>, anchor: string) => {
    const next = new URLSearchParams();
    for (const key of ["page", "services", "changes"] as const) {
      const v = first(query[key]);
      if (v) next.set(key, v);
    }
    for (const [k, v] of Object.entries(set)) next.set(k, v);
    return `/connectors/${connector.id}?${next}#${anchor}`;
  };

  return (
    <div className="space-y-6">
      {first(query.created) === "1" ? (
        <CreatedNotice
          name={connector.name}
          status={connector.status}
          platformManaged={Boolean(getSystem(connector.systemId)?.platformManaged)}
        />
      ) : null}
      {checksOff ? <MaintenanceBadge m={checksOff} /> : null}
      <LiveUpdates connectorId={connector.id} version={connectorVersion(connector)} />
      <StatusBanner
        connector={connector}
        impact={impact}
        canCheck={can(user, "connectors.manage")}
        backoffThreshold={env.HEALTHCHECK_FAILURE_THRESHOLD}
        when={when}
        now={now}
        checksOff={checksOff}
      />
      <Suspense fallback={<SectionPending id="totals" title={SECTIONS.totals.title} />}>
        <TotalsSection scope={scope} now={now} />
      </Suspense>
      <Suspense fallback={<SectionPending id="services" title={SECTIONS.services.title} />}>
        <ServicesSection
          scope={scope}
          all={first(query.services) === "all"}
          allHref={href({ services: "all" }, "services")}
        />
      </Suspense>
      <div id="failed-syncs" className="scroll-mt-4">
        <Suspense fallback={<SectionPending id="failed-syncs-heading" title={SECTIONS.failed.title} />}>
          <FailedSyncsSection
            scope={scope}
            now={now}
            page={Number(first(query.page)) || 1}
            when={when}
            canResync={can(user, "syncs.resync")}
          />
        </Suspense>
      </div>
      <Suspense fallback={<SectionPending id="history" title={SECTIONS.history.title} />}>
        <HistorySection
          scope={scope}
          now={now}
          when={when}
          zone={{ timeZone: connector.timeZone, dateFormat: connector.dateFormat }}
          changes={changes}
          olderHref={href({ changes: String(changes + TIMELINE_STEP) }, "history")}
        />
      </Suspense>
    </div>
  );
}
