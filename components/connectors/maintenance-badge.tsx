import type { MaintenanceKind } from "@/lib/maintenance/types";
import { MAINTENANCE_LABELS } from "@/lib/maintenance/types";

/** A pause or maintenance window in force, as the tile and the summary show it. `until` is already formatted. */
export type MaintenanceView = { kind: MaintenanceKind; reason: string; until: string | null };

/** "Paused · Vendor migration · until 31/12/2026 17:45 GMT": checks and alerts are off, and why. */
export function MaintenanceBadge({ m, compact = false }: { m: MaintenanceView; compact?: boolean }) {
  return (
    <p
      className={`flex flex-wrap items-baseline gap-x-1.5 text-xs text-violet-900 ${compact ? "" : "rounded-md bg-violet-50 px-3 py-2 text-sm ring-1 ring-inset ring-violet-600/20"}`}
      data-testid="maintenance-state"
    >
      <span className="rounded-full bg-violet-100 px-2 py-0.5 font-semibold ring-1 ring-inset ring-violet-600/20">
        {MAINTENANCE_LABELS[m.kind]}
      </span>
      <span className={compact ? "min-w-0 truncate" : undefined} title={compact ? m.reason : undefined}>
        {m.reason}
      </span>
      <span className="text-violet-700">
        {m.until ? `until ${m.until}` : m.kind === "pause" ? "until resumed" : ""}
      </span>
      {compact ? null : <span className="text-violet-700">· no checks and no alerts meanwhile.</span>}
    </p>
  );
}
