import type { ConnectorStatus } from "@/lib/connectors/types";
import { STATUS_LABELS } from "@/lib/format/status-labels";

const STYLES: Record<ConnectorStatus, string> = {
  operational: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  unreachable: "bg-amber-50 text-amber-900 ring-amber-600/30",
  auth_failed: "bg-red-50 text-red-800 ring-red-600/20",
  unknown: "bg-slate-100 text-slate-700 ring-slate-500/20",
};
const DOTS: Record<ConnectorStatus, string> = {
  operational: "bg-emerald-500",
  unreachable: "bg-amber-500",
  auth_failed: "bg-red-500",
  unknown: "bg-slate-400",
};

export function StatusBadge({ status }: { status: ConnectorStatus }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}
      data-status={status}
    >
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${DOTS[status]}`} />
      {STATUS_LABELS[status]}
    </span>
  );
}
