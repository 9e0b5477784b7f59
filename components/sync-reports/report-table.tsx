import { resyncStateText, type ResyncState } from "@/lib/resync/state";
import { summariseError, type SyncReportRow } from "@/lib/sync-reports/types";
import { formatUtc } from "@/lib/sync-reports/labels";
import { getSystem } from "@/lib/systems";
import { ResyncSelectAll } from "./resync-form";
import { offersResync, ResyncCell, ResyncCheckbox } from "./resync-state";
import { SyncStatusBadge } from "./sync-status-badge";
import { TableScroll } from "@/components/ui/table-scroll";

const systemName = (id: string) => getSystem(id)?.name ?? id;
const th = "px-3 py-2 font-medium";
/** References shown in a row; the rest are counted ("+4 more") and listed in the row's tooltip and the CSV. */
const REFERENCES_SHOWN = 3;
export const REPORT_RESYNC_FORM = "report-resync";

/**
 * One line per sync; the full error message waits behind "Error details" so a long stack trace cannot swamp the table.
 * Failed runs show their latest resync request; `resync.canResync` adds the checkboxes and Resync buttons (the page
 * renders the ResyncForm they belong to).
 */
export function ReportTable({
  rows,
  resync = { states: {}, canResync: false },
}: {
  rows: SyncReportRow[];
  resync?: { states: Partial<Record<number, ResyncState>>; canResync: boolean };
}) {
  const selectable = resync.canResync && rows.some((r) => r.status === "failed");
  return (
    <TableScroll label="Sync runs">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Sync runs, newest first. Times are UTC.</caption>
        <thead className="bg-slate-100 text-xs uppercase text-slate-600">
          <tr>
            {selectable ? (
              <th scope="col" className={`${th} w-8`}>
                <ResyncSelectAll formId={REPORT_RESYNC_FORM} />
              </th>
            ) : null}
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              Service
            </th>
            <th scope="col" className={th}>
              Source → destination
            </th>
            <th scope="col" className={th}>
              Started (UTC)
            </th>
            <th scope="col" className={th}>
              Finished (UTC)
            </th>
            <th scope="col" className={`${th} text-right`}>
              Pulled
            </th>
            <th scope="col" className={`${th} text-right`}>
              Pushed
            </th>
            <th scope="col" className={th}>
              Details
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const state = resync.states[r.id];
            const offer = offersResync(r, state, resync.canResync);
            return (
              <tr key={r.id} className="border-t border-slate-100 align-top">
                {selectable ? (
                  <td className="px-3 py-2">
                    {offer ? <ResyncCheckbox formId={REPORT_RESYNC_FORM} runId={r.id} label={r.externalId} /> : null}
                  </td>
                ) : null}
                <td className="px-3 py-2">
                  <SyncStatusBadge status={r.status} />
                  {r.status === "failed" || state ? (
                    <div className="mt-1">
                      <ResyncCell
                        formId={REPORT_RESYNC_FORM}
                        runId={r.id}
                        label={r.externalId}
                        note={state ? resyncStateText(state, (d) => `${formatUtc(d).slice(0, 16)} UTC`) : null}
                        status={state?.status}
                        offer={offer}
                      />
                    </div>
                  ) : null}
                </td>
                <td className="px-3 py-2">
                  <span className="font-medium">{r.serviceName}</span>
                  {r.environment === "test" ? (
                    <span className="ml-1.5 rounded bg-amber-100 px-1 py-0.5 text-[10px] font-semibold uppercase text-amber-900">
                      test
                    </span>
                  ) : null}
                  <span className="block font-mono text-xs text-slate-600" title="Sync id">
                    {r.externalId}
                  </span>
                  {r.references.length ? <References references={r.references} /> : null}
                </td>
                <td className="px-3 py-2">
                  {r.sourceName} <span aria-label="to">→</span> {r.destinationName}
                  <span className="block text-xs text-slate-600">
                    {systemName(r.sourceSystemId)} → {systemName(r.destinationSystemId)}
                  </span>
                </td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatUtc(r.startedAt)}</td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                  {r.finishedAt ? formatUtc(r.finishedAt) : <span className="text-slate-600">Not finished</span>}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{r.pulledCount.toLocaleString("en-GB")}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.pushedCount.toLocaleString("en-GB")}</td>
                <td className="max-w-xs px-3 py-2">
                  {r.errorMessage || r.status === "failed" ? (
                    <details className="group">
                      <summary className="cursor-pointer text-xs text-red-800">
                        <span className="font-medium">Error details</span>
                        {/* The first line while closed; the whole message replaces it when opened. */}
                        <span className="mt-0.5 block text-slate-600 group-open:hidden">
                          {summariseError(r.errorMessage)}
                        </span>
                      </summary>
                      <pre
                        tabIndex={0}
                        className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-mono text-xs text-slate-800"
                      >
                        {r.errorMessage ?? "No error message was reported."}
                      </pre>
                    </details>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The run's references, compactly: the first few as chips, then "+N more" (all of them in the tooltip). */
function References({ references }: { references: string[] }) {
  const rest = references.length - REFERENCES_SHOWN;
  return (
    <span
      className="mt-1 flex flex-wrap gap-1"
      title={references.join(", ")}
      aria-label={`References: ${references.join(", ")}`}
    >
      {references.slice(0, REFERENCES_SHOWN).map((ref) => (
        <span key={ref} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[11px] text-slate-700">
          {ref}
        </span>
      ))}
      {rest > 0 ? <span className="text-[11px] text-slate-600">+{rest} more</span> : null}
    </span>
  );
}
