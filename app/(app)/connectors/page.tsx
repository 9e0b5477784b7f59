import { Link } from "@/components/ui/link";
import { getDb } from "@/db";
import { countConnectorsForList, listConnectorsPage, STATUS_ORDER } from "@/db/queries/connectors";
import { activeWindowsOf } from "@/db/queries/maintenance";
import { listNotificationGroupRows } from "@/db/queries/notification-groups";
import { ConnectorFilters } from "@/components/connectors/connector-filters";
import { BulkActions } from "@/components/connectors/bulk-actions";
import { ConnectorTiles, type TileData, TileIcons } from "@/components/connectors/connector-tile";
import { LiveUpdates } from "@/components/live/live-updates";
import { StatusOverview } from "@/components/connectors/status-overview";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { timeAgo } from "@/lib/format/date";
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
  const canManage = can(user, "connectors.manage");
  const canGroup = can(user, "notifications.manage");
  // Paginated: an organisation may have thousands of connectors, and one page of 10,000 tiles is ~20 MB of HTML.
  // Four queries in three steps: the counts (which give the page its total) and the notification groups, the page,
  // then the pauses and maintenance windows of the connectors on it.
  const [counts, notifyGroups] = await Promise.all([
    countConnectorsForList(db, { orgId, environment: tab, status, q }),
    canGroup ? listNotificationGroupRows(db, { orgId }) : Promise.resolve([]),
  ]);
  const list = await listConnectorsPage(db, {
    orgId,
    environment: tab,
    status,
    q,
    sort,
    page: query.page ?? 1,
    total: counts.tabs[tab],
  });
  const { rows } = list;
  const windows = await activeWindowsOf(db, { orgId, connectorIds: rows.map((r) => r.id) });
  const bulkForm = canManage && rows.length > 0 ? "bulk-connectors" : undefined;
  const showGroup = new Set(rows.map((r) => r.companyGroupName)).size > 1;
  const now = new Date();
  // Only what a tile shows: the tiles are a client component, and these are its props (absent keys, not undefined
  // ones, which the payload would spell out).
  const tiles = rows.map((c): TileData => {
    const w = windows.get(c.id);
    return {
      id: c.id,
      name: c.name,
      systemId: c.systemId,
      systemName: getSystem(c.systemId)?.name ?? c.systemId,
      status: c.status,
      checkedAgo: c.lastCheckedAt ? timeAgo(c.lastCheckedAt, now) : null,
      ...(showGroup ? { group: c.companyGroupName } : {}),
      ...(w ? { maintenance: toMaintenanceView(w) } : {}),
    };
  });
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
      <StatusOverview counts={counts.overview} order={STATUS_ORDER} query={query} />
      <ConnectorFilters query={query} counts={counts.tabs} shown={list.total} total={counts.totals[tab]} />
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
            <ConnectorTiles tiles={tiles} showCog={can(user, "connectors.settings.view")} selectForm={bulkForm} />
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
