import Link from "next/link";
import { serviceHref } from "@/lib/services/links";
import { ResyncForm, ResyncSelectAll } from "@/components/sync-reports/resync-form";
import { offersResync, ResyncCell, ResyncCheckbox } from "@/components/sync-reports/resync-state";
import type { FailedSyncsPage } from "@/lib/connectors/types";
import type { ResyncState } from "@/lib/resync/state";
import type { FormatDate } from "./section";
import { DirectionTag } from "./services-list";
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
        <table className="w-full text-left text-sm">
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
                Direction
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
            {data.rows.map((r) => {
              const state = resync.states[r.id];
              const offer = offersResync({ status: "failed" }, state, resync.canResync);
              return (
                <tr key={r.id} className="border-t border-slate-100 align-top">
                  {resync.canResync ? (
                    <td className="px-3 py-2">
                      {offer ? <ResyncCheckbox formId={RESYNC_FORM} runId={r.id} label={r.externalId} /> : null}
                    </td>
                  ) : null}
                  <td className="whitespace-nowrap px-3 py-2">
                    {when(r.startedAt)}
                    <span className="block text-xs text-slate-600">
                      {r.finishedAt ? `finished ${when(r.finishedAt)}` : "did not finish"}
                    </span>
                  </td>
                  <td className="px-3 py-2">
                    <Link
                      href={serviceHref(r.serviceId)}
                      className="font-medium text-brand-700 underline hover:text-brand-900"
                    >
                      {r.serviceName}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <DirectionTag direction={r.direction} />
                  </td>
                  <td className="px-3 py-2">
                    <details>
                      <summary className="cursor-pointer text-red-800">{r.errorSummary}</summary>
                      <div className="mt-2 space-y-1">
                        <p className="text-xs text-slate-600">Sync {r.externalId}</p>
                        <pre
                          tabIndex={0}
                          className="max-h-64 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-mono text-xs text-slate-800"
                        >
                          {r.errorMessage ?? "No error message was reported."}
                        </pre>
                      </div>
                    </details>
                  </td>
                  <td className="px-3 py-2">
                    <ResyncCell
                      formId={RESYNC_FORM}
                      runId={r.id}
                      label={r.externalId}
                      state={state}
                      offer={offer}
                      when={when}
                    />
                  </td>
                </tr>
              );
            })}
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
