import { summariseError, type SyncReportRow } from "@/lib/sync-reports/types";
import { formatUtc } from "@/lib/sync-reports/labels";
import { getSystem } from "@/lib/systems";
import { SyncStatusBadge } from "./sync-status-badge";
import { TableScroll } from "@/components/ui/table-scroll";

const systemName = (id: string) => getSystem(id)?.name ?? id;
const th = "px-3 py-2 font-medium";

/** One line per sync; the full error message waits behind "Error details" so a long stack trace cannot swamp the table. */
export function ReportTable({ rows }: { rows: SyncReportRow[] }) {
  return (
    <TableScroll label="Sync runs">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Sync runs, newest first. Times are UTC.</caption>
        <thead className="bg-slate-100 text-xs uppercase text-slate-600">
          <tr>
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
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2">
                <SyncStatusBadge status={r.status} />
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
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
