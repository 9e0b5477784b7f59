import { STATUS_LABELS } from "@/lib/format/status-labels";
import type { FormState } from "@/lib/form-state";

const TONES: Record<string, string> = {
  auth_failed: "border-red-300 bg-red-50 text-red-900",
  unreachable: "border-amber-300 bg-amber-50 text-amber-950",
};

/** The connection check that decided a save (wizard and credentials panel alike): its status, reason code and hint. */
export function CheckOutcome({ check }: { check?: FormState["check"] }) {
  if (!check) return null;
  return (
    <div
      className={`rounded-md border p-4 text-sm ${TONES[check.status] ?? "border-slate-300 bg-slate-50"}`}
      data-testid="check-outcome"
    >
      <p className="font-semibold">
        Connection check: {(STATUS_LABELS as Partial<Record<string, string>>)[check.status] ?? check.status}
        <span className="ml-2 rounded bg-white/70 px-1.5 py-0.5 font-mono text-xs font-normal">{check.reason}</span>
      </p>
      <p className="mt-2">
        <span className="font-semibold">What to check: </span>
        {check.hint}
      </p>
    </div>
  );
}
