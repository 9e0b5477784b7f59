import type { SyncReportRow } from "@/db/queries/sync-report";
import { logError } from "@/lib/log";
import { getSystem } from "@/lib/systems";
import { formatUtc, SYNC_STATUS_LABELS } from "./labels";

/**
 * One CSV cell per RFC 4180 (quoted when it holds a comma, quote or line break; quotes doubled). Text that a
 * spreadsheet would run as a formula (= + - @, or a tab/CR that some apps strip first) gets a leading apostrophe:
 * error messages and ids come from third-party systems and must not become formulas in someone's Excel.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: (string | number | null | undefined)[]) => `${cells.map(csvCell).join(",")}\r\n`;

export const REPORT_CSV_HEADER = [
  "Sync id",
  "Status",
  "Service",
  "Environment",
  "Source connector",
  "Source system",
  "Destination connector",
  "Destination system",
  "Started (UTC)",
  "Finished (UTC)",
  "Pulled",
  "Pushed",
  "Error",
  "References",
];

const systemName = (id: string) => getSystem(id)?.name ?? id;

export function reportCsvCells(r: SyncReportRow) {
  return [
    r.externalId,
    SYNC_STATUS_LABELS[r.status],
    r.serviceName,
    r.environment,
    r.sourceName,
    systemName(r.sourceSystemId),
    r.destinationName,
    systemName(r.destinationSystemId),
    formatUtc(r.startedAt),
    formatUtc(r.finishedAt),
    r.pulledCount,
    r.pushedCount,
    r.errorMessage,
    r.references.join("; "),
  ];
}

/** The whole file as a stream: a byte-order mark (so Excel reads UTF-8 names right), the header, then every row. */
export function reportCsvStream(rows: AsyncIterable<SyncReportRow>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(REPORT_CSV_HEADER)}`));
        return;
      }
      // Batch a few hundred lines per chunk: one enqueue per row would make the stream itself the bottleneck.
      let chunk = "";
      for (let i = 0; i < 500; i++) {
        let next: IteratorResult<SyncReportRow>;
        try {
          next = await iterator.next();
        } catch (error) {
          // Too late for an error status: the download stops. What is logged, and what the stream fails with, carry
          // the failure's code, never the query's statement or parameters.
          logError("sync report export", error);
          controller.error(new Error("The export stopped: the rows could not be read."));
          return;
        }
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(reportCsvCells(next.value));
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}
