import { getDb } from "@/db";
import {
  countSyncReport,
  listReportConnectors,
  listReportServices,
  listSyncReport,
  resolveReportScope,
  type ReportCursor,
} from "@/db/queries/sync-report";
import { ReportFiltersForm } from "@/components/sync-reports/report-filters";
import { ReportPagination } from "@/components/sync-reports/report-pagination";
import { REPORT_RESYNC_FORM, ReportTable } from "@/components/sync-reports/report-table";
import { ResyncForm } from "@/components/sync-reports/resync-form";
import { listResyncStates } from "@/db/queries/resync-requests";
import { AccessDenied, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { filtersToParams, formatDay, parseReportFilters } from "@/lib/sync-reports/filters";
import { getSystem } from "@/lib/systems";

export const metadata = { title: "Sync reports" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;
const PAGE_SIZE = 50;

function parseCursor(sp: Search): ReportCursor {
  const id = (key: string) => {
    const v = Number(Array.isArray(sp[key]) ? sp[key][0] : sp[key]);
    return Number.isSafeInteger(v) && v > 0 ? v : undefined;
  };
  return { before: id("before"), after: id("after") };
}

export default async function SyncReportsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  if (!can(user, "reports.view")) return <AccessDenied title="Sync reports" what="sync reports" />;
  const sp = await searchParams;
  const now = new Date();
  const filters = parseReportFilters(sp, now);
  const cursor = parseCursor(sp);
  const db = await getDb();
  const scope = await resolveReportScope(db, user.orgId, filters);
  const [page, total, connectorRows, serviceRows] = await Promise.all([
    listSyncReport(db, { orgId: user.orgId, filters, scope, cursor, pageSize: PAGE_SIZE }),
    countSyncReport(db, { orgId: user.orgId, filters, scope }),
    listReportConnectors(db, { orgId: user.orgId }),
    listReportServices(db, { orgId: user.orgId }),
  ]);

  const resyncStates = await listResyncStates(db, { orgId: user.orgId, runIds: page.rows.map((r) => r.id) });
  const canResync = can(user, "syncs.resync");
  const systemName = (id: string) => getSystem(id)?.name ?? id;
  const systems = [...new Set(connectorRows.map((c) => c.systemId))]
    .map((id) => ({ value: id, label: systemName(id) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const connectorOptions = connectorRows.map((c) => ({
    value: c.id,
    label: `${c.name}${c.environment === "test" ? " (test)" : ""}`,
    systemId: c.systemId,
  }));
  const hrefFor = (c?: ReportCursor) =>
    `/sync-reports?${filtersToParams(filters, { before: c?.before?.toString(), after: c?.after?.toString() })}`;
  const span =
    filters.from === filters.to ? formatDay(filters.from) : `${formatDay(filters.from)} – ${formatDay(filters.to)}`;
  const narrowed = Boolean(
    filters.status || filters.systemId || filters.connectorId || filters.serviceId || filters.q || filters.ref,
  );
  const matching = `${total.count.toLocaleString("en-GB")}${total.capped ? "+" : ""} matching sync${total.count === 1 ? "" : "s"}, ${span} (UTC)`;

  return (
    <>
      <PageHeader
        title="Sync reports"
        description="Every sync run of your organisation's services, newest first. Times are UTC."
        actions={
          <a
            href={`/sync-reports/export?${filtersToParams(filters)}`}
            download
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 shadow-sm hover:bg-slate-50"
          >
            Download CSV
          </a>
        }
      />
      <ReportFiltersForm
        filters={filters}
        systems={systems}
        connectors={connectorOptions}
        services={serviceRows.map((r) => ({ value: r.id, label: r.name }))}
        today={now.toISOString().slice(0, 10)}
      />
      {filters.notices.length ? (
        <div role="status" className="mb-4 space-y-1 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {filters.notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      ) : null}
      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
          {cursor.before || cursor.after ? (
            <p>No more syncs in this direction. Go back to the newest syncs with Reset or Apply filters.</p>
          ) : narrowed ? (
            <p>No syncs match these filters for {span}. Widen the dates (up to 15 days) or clear a filter.</p>
          ) : (
            <>
              <p className="font-medium text-slate-800">No syncs for {span}.</p>
              <p className="mt-1">
                Each time the sync engine runs an active service it reports the run here, with its status, counts and
                any error.
              </p>
            </>
          )}
        </div>
      ) : (
        <>
          {canResync && page.rows.some((r) => r.status === "failed") ? (
            <ResyncForm formId={REPORT_RESYNC_FORM} />
          ) : null}
          <ReportTable rows={page.rows} resync={{ states: Object.fromEntries(resyncStates), canResync }} />
          <ReportPagination
            hrefFor={hrefFor}
            firstId={page.rows[0]?.id}
            lastId={page.rows.at(-1)?.id}
            hasNewer={page.hasNewer}
            hasOlder={page.hasOlder}
            summary={matching}
          />
        </>
      )}
    </>
  );
}
