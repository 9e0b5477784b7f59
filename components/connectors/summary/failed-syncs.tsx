import { Link } from "@/components/ui/link";
import { ResyncForm, ResyncSelectAll } from "@/components/sync-reports/resync-form";
import { offersResync } from "@/components/sync-reports/resync-state";
import type { FailedSyncsPage } from "@/lib/connectors/types";
import { resyncStateText, type ResyncState } from "@/lib/resync/state";
import { type FailedSyncRow, FailedSyncRows } from "./failed-sync-rows";
import type { FormatDate } from "./section";
import { TableScroll } from "@/components/ui/table-scroll";

const RESYNC_FORM = "failed-syncs-resync";

/**
 * Failed syncs newest first; the full error sits in a <details> so the table stays one line per sync. Each run shows
 * its latest resync request; administrators and managers can resync one, or tick several and "Resync selected".
 */
export function FailedSyncs({
  data,
  days,
  basePath,
  reportHref,
  when,
  resync = { states: {}, canResync: false },
}: {
  data: FailedSyncsPage;
  /** The period listed: the last `days` days. */
  days: number;
  basePath: string;
  /** The sync report of this connector's failures, for older ones. */
  reportHref: string;
  when: FormatDate;
  resync?: { states: Partial<Record<number, ResyncState>>; canResync: boolean };
}) {
  const older = (
    <p className="mt-3 text-sm">
      <Link href={reportHref} className="text-brand-700 underline hover:text-brand-900">
        Failed syncs of the last 15 days in the sync report
      </Link>
    </p>
  );
  if (data.total === 0)
    return (
      <>
        <p className="text-sm text-slate-600">
          No failed syncs in the last {days} days. Syncs of services using this connector that fail will be listed here,
          newest first.
        </p>
        {older}
      </>
    );
  return (
    <>
      {resync.canResync ? <ResyncForm formId={RESYNC_FORM} /> : null}
      <TableScroll label="Failed syncs" framed={false}>
        {/* Cell padding set once on the table: the rows come as compact data (failed-sync-rows.tsx). */}
        <table className="w-full text-left text-sm [&_td]:px-3 [&_td]:py-2 [&_td]:align-top">
          <caption className="sr-only">Failed syncs in the last {days} days, newest first</caption>
          <thead className="bg-slate-100 text-xs uppercase text-slate-600">
            <tr>
              {resync.canResync ? (
                <th scope="col" className="w-8 px-3 py-2">
                  <ResyncSelectAll formId={RESYNC_FORM} />
                </th>
              ) : null}
              <th scope="col" className="px-3 py-2">
                Started
              </th>
              <th scope="col" className="px-3 py-2">
                Service
              </th>
              <th scope="col" className="px-3 py-2">
                Error
              </th>
              <th scope="col" className="px-3 py-2">
                Resync
              </th>
            </tr>
          </thead>
          <tbody>
            <FailedSyncRows
              basePath={basePath}
              formId={RESYNC_FORM}
              selectable={resync.canResync}
              rows={data.rows.map((r): FailedSyncRow => {
                const state = resync.states[r.id];
                return {
                  id: r.id,
                  externalId: r.externalId,
                  started: when(r.startedAt),
                  serviceName: r.serviceName,
                  direction: r.direction,
                  errorSummary: r.errorSummary,
                  resync: {
                    note: state ? resyncStateText(state, when) : null,
                    status: state?.status,
                    offer: offersResync({ status: "failed" }, state, resync.canResync),
                  },
                };
              })}
            />
          </tbody>
        </table>
      </TableScroll>
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        total={data.total}
        pageSize={data.pageSize}
        basePath={basePath}
      />
      {older}
    </>
  );
}

function Pagination({
  page,
  pageCount,
  total,
  pageSize,
  basePath,
}: {
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  basePath: string;
}) {
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const href = (p: number) => `${basePath}${p > 1 ? `?page=${p}` : ""}#failed-syncs`;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50";
  return (
    <nav aria-label="Failed syncs pages" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
      <p className="text-slate-600">
        {first.toLocaleString("en-GB")}–{last.toLocaleString("en-GB")} of {total.toLocaleString("en-GB")} · page {page}{" "}
        of {pageCount}
      </p>
      {pageCount > 1 ? (
        <div className="flex gap-2">
          {page > 1 ? (
            <Link href={href(page - 1)} className={link} rel="prev">
              ← Newer
            </Link>
          ) : null}
          {page < pageCount ? (
            <Link href={href(page + 1)} className={link} rel="next">
              Older →
            </Link>
          ) : null}
        </div>
      ) : null}
    </nav>
  );
}
