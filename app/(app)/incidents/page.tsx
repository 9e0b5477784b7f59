import { Link } from "@/components/ui/link";
import { getDb } from "@/db";
import { countIncidents, listIncidents, listIncidentSystems } from "@/db/queries/incidents";
import { findConnectorForMaintenance } from "@/db/queries/maintenance";
import { IncidentFiltersForm } from "@/components/incidents/incident-filters";
import { IncidentsTable } from "@/components/incidents/incidents-table";
import { AccessDenied, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { INCIDENT_STATUSES, INCIDENTS_PAGE_SIZE, incidentParams, parseIncidentFilters } from "@/lib/incidents/filters";
import { getSystem } from "@/lib/systems";

export const metadata = { title: "Incidents" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  if (!can(user, "connectors.view")) return <AccessDenied title="Incidents" what="incidents" />;
  const query = parseIncidentFilters(await searchParams);
  const db = await getDb();
  const now = new Date();
  const scope = { orgId: user.orgId, filters: query.filters, now };
  const [total, systemIds, narrowedTo] = await Promise.all([
    countIncidents(db, scope),
    listIncidentSystems(db, { orgId: user.orgId }),
    query.filters.connectorId
      ? findConnectorForMaintenance(db, { orgId: user.orgId, connectorId: query.filters.connectorId })
      : Promise.resolve(undefined),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / INCIDENTS_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const rows = await listIncidents(db, {
    ...scope,
    limit: INCIDENTS_PAGE_SIZE,
    offset: (page - 1) * INCIDENTS_PAGE_SIZE,
  });
  const systems = systemIds
    .map((id) => ({ value: id, label: getSystem(id)?.name ?? id }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const filtered = Object.values(query.form).some(Boolean);

  return (
    <>
      <PageHeader
        title="Incidents"
        description="Every period a connector was not operational: ongoing first, then newest first. Times are in each connector's own zone."
        actions={
          <a
            href={`/incidents/export?${incidentParams(query.form)}`}
            download
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 shadow-sm hover:bg-slate-50"
          >
            Download CSV
          </a>
        }
      />
      <IncidentFiltersForm
        form={query.form}
        statuses={INCIDENT_STATUSES}
        systems={systems}
        connectorName={narrowedTo?.name}
      />
      {query.notices.length ? (
        <div role="status" className="mb-4 space-y-1 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {query.notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      ) : null}
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
          {filtered ? (
            <p>No incidents match these filters.</p>
          ) : (
            <>
              <p className="font-medium text-slate-800">No incidents yet.</p>
              <p className="mt-1">
                When a health check confirms that a connector is unreachable or its credentials are refused, the period
                until it recovers is listed here, with the syncs that failed meanwhile.
              </p>
            </>
          )}
        </div>
      ) : (
        <>
          <IncidentsTable rows={rows} now={now} />
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-4 text-sm text-slate-600">
            <p>
              {total.toLocaleString("en-GB")} incident{total === 1 ? "" : "s"}
              {pageCount > 1 ? ` · page ${page} of ${pageCount.toLocaleString("en-GB")}` : ""}
            </p>
            <div className="flex gap-2">
              {page > 1 ? (
                <Link
                  href={`/incidents?${incidentParams(query.form, { page: String(page - 1) })}`}
                  rel="prev"
                  className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50"
                >
                  Previous
                </Link>
              ) : null}
              {page < pageCount ? (
                <Link
                  href={`/incidents?${incidentParams(query.form, { page: String(page + 1) })}`}
                  rel="next"
                  className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50"
                >
                  Next
                </Link>
              ) : null}
            </div>
          </nav>
        </>
      )}
    </>
  );
}
