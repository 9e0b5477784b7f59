"use client";

import { Link } from "@/components/ui/link";
import { ResyncCell, ResyncCheckbox } from "@/components/sync-reports/resync-state";
import type { Direction } from "@/lib/connectors/types";
import type { ResyncState, ResyncStateText } from "@/lib/resync/state";
import { DIRECTION_SHORT } from "@/lib/format/direction-labels";

/** One failed sync as the server prepares it: dates already in the connector's zone and format, the resync note made. */
export type FailedSyncRow = {
  id: number;
  externalId: string;
  started: string;
  serviceName: string;
  direction: Direction;
  errorSummary: string;
  resync: { note: ResyncStateText | null; status?: ResyncState["status"]; offer: boolean };
};

/**
 * The failed syncs' table rows. A client component only so the page sends these rows once as compact data (the React
 * payload of server-rendered rows repeats every element and class); it has no state of its own.
 */
export function FailedSyncRows({
  rows,
  basePath,
  formId,
  selectable,
}: {
  rows: FailedSyncRow[];
  /** The connector's page: a sync's own page (its whole error) is `${basePath}/syncs/${id}`. */
  basePath: string;
  formId: string;
  /** A checkbox column for "Resync selected". */
  selectable: boolean;
}) {
  return rows.map((r) => (
    <tr key={r.id} className="border-t border-slate-100">
      {selectable ? (
        <td>{r.resync.offer ? <ResyncCheckbox formId={formId} runId={r.id} label={r.externalId} /> : null}</td>
      ) : null}
      <td className="whitespace-nowrap">
        {r.started}
        <span className="block font-mono text-xs text-slate-600">{r.externalId}</span>
      </td>
      <td>
        {r.serviceName}
        <span className="block text-xs text-slate-600">{DIRECTION_SHORT[r.direction]}</span>
      </td>
      <td>
        <Link href={`${basePath}/syncs/${r.id}`} className="text-red-800 underline hover:text-red-900">
          {r.errorSummary}
        </Link>
      </td>
      <td>
        <ResyncCell formId={formId} runId={r.id} label={r.externalId} {...r.resync} />
      </td>
    </tr>
  ));
}
