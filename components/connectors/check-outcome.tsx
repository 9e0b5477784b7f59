import type { FormState } from "@/lib/form-state";

/** The connection check that decided a save: what happened, and what to check. */
export function CheckOutcome({ check }: { check?: FormState["check"] }) {
  if (!check) return null;
  const tone = check.status === "auth_failed" ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-900";
  return (
    <div role="alert" className={`rounded-md border p-3 text-sm ${tone}`} data-testid="check-outcome">
      <p className="font-medium">
        {check.message} <span className="font-mono text-xs">({check.reason})</span>
      </p>
      <p className="mt-1">
        <span className="font-medium">What to check: </span>
        {check.hint}
      </p>
    </div>
  );
}
