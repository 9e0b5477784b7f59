import type { SyncStatus } from "@/lib/sync-reports/types";
import { SYNC_STATUS_HELP, SYNC_STATUS_LABELS } from "@/lib/sync-reports/labels";

const STYLES: Record<SyncStatus, string> = {
  ok: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  sent: "bg-sky-50 text-sky-800 ring-sky-600/20",
  pending: "bg-amber-50 text-amber-900 ring-amber-600/30",
  failed: "bg-red-50 text-red-800 ring-red-600/20",
};

export function SyncStatusBadge({ status }: { status: SyncStatus }) {
  return (
    <span
      title={SYNC_STATUS_HELP[status]}
      data-status={status}
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}
    >
      {SYNC_STATUS_LABELS[status]}
    </span>
  );
}
