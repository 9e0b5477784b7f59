import type { IncidentRow } from "@/db/queries/incidents";
import { formatDateTime } from "@/lib/format/date";
import { STATUS_LABELS } from "@/lib/format/status-labels";
import { csvLine } from "@/lib/sync-reports/csv";
import { formatUtc } from "@/lib/sync-reports/labels";
import { getSystem } from "@/lib/systems";
import { formatDuration } from "./format";

/** At most this many incidents per file (ongoing first, then newest); narrow the filters for older ones. */
export const MAX_EXPORT_ROWS = 10_000;

export const INCIDENT_CSV_HEADER = [
  "Incident id",
  "Connector",
  "System",
  "Environment",
  "Status",
  "Reason",
  "Message",
  "Started",
  "Ended",
  "Started (UTC)",
  "Ended (UTC)",
  "Duration",
  "Failed syncs",
];

/**
 * One incident as CSV cells: times in the connector's own zone and date format (as on the page), and in UTC so a
 * spreadsheet can sort them. Every cell goes through csvCell: a reason or message from a vendor never becomes a formula.
 */
export function incidentCsvCells(r: IncidentRow, now: Date) {
  const local = (d: Date) => formatDateTime(d, r.timeZone, r.dateFormat);
  return [
    r.id,
    r.connectorName,
    getSystem(r.systemId)?.name ?? r.systemId,
    r.environment === "live" ? "Live" : "Testing",
    STATUS_LABELS[r.status],
    r.reason,
    r.message,
    local(r.startedAt),
    r.endedAt ? local(r.endedAt) : "Ongoing",
    formatUtc(r.startedAt),
    formatUtc(r.endedAt),
    formatDuration((r.endedAt ?? now).getTime() - r.startedAt.getTime()),
    r.failedSyncs,
  ];
}

/** The whole file: a byte-order mark (Excel reads UTF-8 names right), the header, then the rows. */
export function incidentsCsv(rows: IncidentRow[], now: Date): string {
  return `\uFEFF${csvLine(INCIDENT_CSV_HEADER)}${rows.map((r) => csvLine(incidentCsvCells(r, now))).join("")}`;
}
