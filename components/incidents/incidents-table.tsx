import { Link } from "@/components/ui/link";
import { StatusBadge } from "@/components/connectors/status-badge";
import { formatDateTime } from "@/lib/format/date";
import { formatDuration } from "@/lib/incidents/format";
import type { IncidentRow } from "@/lib/incidents/types";
import { getSystem } from "@/lib/systems";

const th = "px-3 py-2 font-medium";

/** One row per incident, ongoing first; times in each connector's own zone and date format. Rows are link targets. */
export function IncidentsTable({ rows, now }: { rows: IncidentRow[]; now: Date }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">
          Incidents: periods a connector was not operational, ongoing first, then newest first. Times in each
          connector&rsquo;s zone.
        </caption>
        <thead className="bg-slate-100 text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className={th}>
              Connector
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              Started
            </th>
            <th scope="col" className={th}>
              Ended
            </th>
            <th scope="col" className={th}>
              Duration
            </th>
            <th scope="col" className={th}>
              Reason
            </th>
            <th scope="col" className={`${th} text-right`}>
              Syncs failed
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const when = (d: Date) => formatDateTime(d, r.timeZone, r.dateFormat);
            return (
              <tr
                key={r.id}
                id={`incident-${r.id}`}
                className="scroll-mt-4 border-t border-slate-100 align-top target:bg-amber-50"
                data-testid="incident"
              >
                <td className="px-3 py-2">
                  <Link href={`/connectors/${r.connectorId}`} className="font-medium text-brand-700 hover:underline">
                    {r.connectorName}
                  </Link>
                  <p className="text-xs text-slate-600">
                    {getSystem(r.systemId)?.name ?? r.systemId} · {r.environment === "live" ? "Live" : "Testing"}
                  </p>
                </td>
                <td className="px-3 py-2">
                  <StatusBadge status={r.status} />
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <time dateTime={r.startedAt.toISOString()}>{when(r.startedAt)}</time>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {r.endedAt ? (
                    <time dateTime={r.endedAt.toISOString()}>{when(r.endedAt)}</time>
                  ) : (
                    <span className="font-semibold text-red-700">Ongoing</span>
                  )}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {formatDuration((r.endedAt ?? now).getTime() - r.startedAt.getTime())}
                </td>
                <td className="px-3 py-2">
                  {r.message} <span className="font-mono text-xs text-slate-600">({r.reason})</span>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{r.failedSyncs.toLocaleString("en-GB")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
