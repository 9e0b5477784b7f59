import type { SyncStatus } from "@/db/schema";

export const SYNC_STATUS_LABELS: Record<SyncStatus, string> = {
  ok: "OK",
  sent: "Sent",
  pending: "Pending",
  failed: "Failed",
};
export const SYNC_STATUS_HELP: Record<SyncStatus, string> = {
  ok: "Pulled and pushed",
  sent: "File pushed, awaiting confirmation",
  pending: "Pushed but not reached yet; retried",
  failed: "Gave up after the retries",
};

/** "2025-03-01 14:05:09": UTC, sortable, and read as a date by spreadsheets. */
export const formatUtc = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace("T", " ") : "");
