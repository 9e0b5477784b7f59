import Link from "next/link";
import { getDb } from "@/db";
import {
  countConnectorsByEnvironment,
  countConnectorsByStatus,
  listConnectorsPage,
  STATUS_ORDER,
} from "@/db/queries/connectors";
import { activeWindowsOf } from "@/db/queries/maintenance";
import { listNotificationGroupRows } from "@/db/queries/notification-groups";
import { ConnectorFilters } from "@/components/connectors/connector-filters";
import { BulkActions } from "@/components/connectors/bulk-actions";
import { ConnectorTile, TileIcons } from "@/components/connectors/connector-tile";
import { LiveUpdates } from "@/components/live/live-updates";
import { StatusOverview } from "@/components/connectors/status-overview";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { connectorListHref, parseConnectorListQuery } from "@/lib/connectors/list-query";
import { toMaintenanceView } from "@/lib/maintenance/view";
import { getSystem } from "@/lib/systems";

export const metadata = { title: "Connectors" };
export const dynamic = "force-dynamic";

type Search = Record<"tab" | "status" | "q" | "sort" | "page" | "deleted", string | string[] | undefined>;

export default async function ConnectorsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const sp = await searchParams;
  // A search with control characters cannot match a name (names refuse them): ignored rather than sent to the database.
  const query = parseConnectorListQuery(sp);
  const { tab, status, q, sort } = query;
  const db = await getDb();
  const orgId = user.orgId;
  // Paginated: an organisation may have thousands of connectors, and one page of 10,000 tiles is ~20 MB of HTML.
  const [list, counts, overview, unfiltered] = await Promise.all([
    listConnectorsPage(db, { orgId, environment: tab, status, q, sort, page: query.page ?? 1 }),
    countConnectorsByEnvironment(db, { orgId, status, q }),
    countConnectorsByStatus(db, { orgId, environment: tab, q }),
    countConnectorsByEnvironment(db, { orgId }),
  ]);
  const { rows } = list;
  const canManage = can(user, "connectors.manage");
  const canGroup = can(user, "notifications.manage");
  const [windows, notifyGroups] = await Promise.all([
    activeWindowsOf(db, { orgId: user.orgId, connectorIds: rows.map((r) => r.id) }),
    canGroup ? listNotificationGroupRows(db, { orgId: user.orgId }) : Promise.resolve([]),
  ]);
  const maintenanceOf = (id: string) => {
    const w = windows.get(id);
    return w ? toMaintenanceView(w) : undefined;
  };
  const bulkForm = canManage && rows.length > 0 ? "bulk-connectors" : undefined;
  const groups = new Set(rows.map((r) => r.companyGroupName));
  const now = new Date();
  const filtered = Boolean(status || q);
  const deleted = typeof sp.deleted === "string" ? sp.deleted : undefined;

  return (
    <>
      <PageHeader
        title="Manage your connectors"
        description="Each connector links Patchbay to one business system and holds its credentials. Status is checked every few minutes."
      />
      <LiveUpdates />
      {deleted ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Deleted the connector &ldquo;{deleted.slice(0, 100)}&rdquo;.
        </p>
      ) : null}
      <StatusOverview counts={overview} order={STATUS_ORDER} query={query} />
      <ConnectorFilters query={query} counts={counts} shown={list.total} total={unfiltered[tab]} />
      {rows.length === 0 && !canManage ? (
        <EmptyState filtered={filtered} tab={tab} canManage={false} />
      ) : (
        <>
          <TileIcons />
          {bulkForm ? (
            <BulkActions
              formId={bulkForm}
              canManage={canManage}
              canGroup={canGroup}
              groups={notifyGroups.map((g) => ({ value: g.id, label: g.name }))}
            />
          ) : null}
          <ul
            className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3"
            aria-label={`${tab === "live" ? "Live" : "Testing"} connectors`}
          >
            {rows.map((c) => (
              <ConnectorTile
                key={c.id}
                c={{
                  ...c,
                  systemName: getSystem(c.systemId)?.name ?? c.systemId,
                  maintenance: maintenanceOf(c.id),
                }}
                showCog={can(user, "connectors.settings.view")}
                showGroup={groups.size > 1}
                now={now}
                selectForm={bulkForm}
              />
            ))}
            {canManage ? (
              <li>
                <Link
                  href={`/connectors/new?environment=${tab}`}
                  className="flex h-full min-h-28 items-center justify-center rounded-xl border-2 border-dashed border-slate-300 p-4 text-sm font-semibold text-brand-700 hover:border-brand-600 hover:bg-brand-50"
                >
                  + Add connector
                </Link>
              </li>
            ) : null}
          </ul>
        </>
      )}
      {rows.length === 0 && canManage ? <EmptyState filtered={filtered} tab={tab} canManage /> : null}
      <Pager {...list} href={(page) => connectorListHref({ ...query, page })} />
    </>
  );
}

function EmptyState({ filtered, tab, canManage }: { filtered: boolean; tab: "live" | "test"; canManage: boolean }) {
  return (
    <div className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
      {filtered ? (
        <p>No connectors match these filters.</p>
      ) : (
        <>
          <p className="font-medium text-slate-800">No {tab === "live" ? "live" : "testing"} connectors yet.</p>
          <p className="mt-1">
            A connector links Patchbay to one business system (Shopify, NetSuite, an SFTP drop…) and keeps its
            credentials encrypted. Services then move orders, stock and products between connectors.{" "}
            {tab === "test" ? "Testing connectors point at sandbox environments." : ""}
          </p>
          <p className="mt-1">
            {canManage
              ? "Use Add connector to create one; its credentials are checked before it is saved."
              : "Ask an administrator or manager to add one."}
          </p>
        </>
      )}
    </div>
  );
}

function Pager({
  page,
  pageCount,
  pageSize,
  total,
  href,
}: {
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50";
  return (
    <nav aria-label="Pages" className="mt-6 flex items-center justify-between gap-4 text-sm text-slate-600">
      <p>
        {((page - 1) * pageSize + 1).toLocaleString("en-GB")}–{Math.min(page * pageSize, total).toLocaleString("en-GB")}{" "}
        of {total.toLocaleString("en-GB")} · page {page} of {pageCount.toLocaleString("en-GB")}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} rel="prev" className={link}>
            Previous
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link href={href(page + 1)} rel="next" className={link}>
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
