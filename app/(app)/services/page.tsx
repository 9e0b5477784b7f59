import { Link } from "@/components/ui/link";
import { getDb } from "@/db";
import { listConnectors } from "@/db/queries/connectors";
import { listServices } from "@/db/queries/services";
import { AddService } from "@/components/services/add-service";
import { ServiceRow, type ServiceView } from "@/components/services/service-row";
import { AccessDenied, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { timeAgo } from "@/lib/format/date";
import { getSystem } from "@/lib/systems";
import { TableScroll } from "@/components/ui/table-scroll";

export const metadata = { title: "Services" };
export const dynamic = "force-dynamic";

const th = "px-3 py-2 font-medium";

export default async function ServicesPage() {
  const user = await requireUser();
  if (!can(user, "services.view")) return <AccessDenied title="Services" what="services" />;
  const canManage = can(user, "services.manage");
  const db = await getDb();
  const now = new Date();
  const [rows, connectorRows] = await Promise.all([
    listServices(db, { orgId: user.orgId, now }),
    canManage ? listConnectors(db, { orgId: user.orgId }) : Promise.resolve([]),
  ]);
  const systemName = (id: string) => getSystem(id)?.name ?? id;
  const connectors = connectorRows.map((c) => ({
    id: c.id,
    name: c.name,
    systemName: systemName(c.systemId),
    environment: c.environment,
  }));
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const views: ServiceView[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    active: r.active,
    environment: r.environment,
    source: { id: r.source.id, name: r.source.name, systemName: systemName(r.source.systemId) },
    destination: { id: r.destination.id, name: r.destination.name, systemName: systemName(r.destination.systemId) },
    lastSync: r.lastSyncAt ? { label: timeAgo(r.lastSyncAt, now), utc: r.lastSyncAt.toISOString() } : null,
    failed24h: r.failed24h,
    // The same 24 hours the count covers, to the millisecond, so the report lists exactly these failures.
    failedHref: `/sync-reports?${new URLSearchParams({
      from: yesterday,
      to: now.toISOString().slice(0, 10),
      status: "failed",
      service: r.id,
      since: new Date(now.getTime() - 86_400_000).toISOString(),
      until: now.toISOString(),
    })}`,
  }));
  const pairable = (["live", "test"] as const).some(
    (env) => connectors.filter((c) => c.environment === env).length >= 2,
  );

  return (
    <>
      <PageHeader
        title="Services"
        description="A service moves data (orders, stock, products) from a source connector to a destination connector. Both connectors are in the same environment."
      />
      {canManage && views.length > 0 && pairable ? (
        <div className="mb-4">
          <AddService connectors={connectors} startOpen={false} />
        </div>
      ) : null}
      {views.length === 0 ? (
        <div className="space-y-4">
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
            <p className="font-medium text-slate-800">No services yet.</p>
            <p className="mt-1">
              Each service pulls from one connector and pushes to another, for example Shopify orders into NetSuite. The
              sync engine runs active services and reports every run in the{" "}
              <Link href="/sync-reports" className="text-brand-700 underline">
                sync report
              </Link>
              .
            </p>
            {!canManage ? <p className="mt-1">Ask an administrator or manager to add one.</p> : null}
            {canManage && !pairable ? (
              <p className="mt-1">
                A service needs two connectors in the same environment (two live or two test).{" "}
                <Link href="/connectors" className="text-brand-700 underline">
                  Add connectors
                </Link>{" "}
                first.
              </p>
            ) : null}
          </div>
          {canManage && pairable ? <AddService connectors={connectors} startOpen /> : null}
        </div>
      ) : (
        <TableScroll label="Services">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Services, live first</caption>
            <thead className="bg-slate-100 text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className={th}>
                  Service
                </th>
                <th scope="col" className={th}>
                  Source → destination
                </th>
                <th scope="col" className={th}>
                  Last sync
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Failed (24 h)
                </th>
                <th scope="col" className={th}>
                  Active
                </th>
                {canManage ? (
                  <th scope="col" className={th}>
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {views.map((s) => (
                <ServiceRow key={s.id} s={s} canManage={canManage} connectors={connectors} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
