import Link from "next/link";
import { FormMessage } from "@/components/ui/form-message";
import { STATUS_LABELS } from "@/lib/connectors/status";
import type { FormState } from "@/lib/form-state";

const TONES: Record<string, string> = { auth_failed: "border-red-300 bg-red-50 text-red-900", unreachable: "border-amber-300 bg-amber-50 text-amber-950" };

/** Why the last save was refused: the message, the connection check's reason and hint, and a link (e.g. to the connector a duplicate collides with). */
export function ResultPanel({ state }: { state: FormState }) {
  const { check, link } = state;
  return (
    <div id="wizard-result" tabIndex={-1} className={`space-y-3 outline-none ${state.message || check || link ? "mb-6" : ""}`}>
      <FormMessage state={state} />
      <div aria-live="polite" data-testid="check-panel">
        {check ? (
          <div className={`rounded-md border p-4 text-sm ${TONES[check.status] ?? "border-slate-300 bg-slate-50"}`}>
            <p className="font-semibold">
              Connection check: {STATUS_LABELS[check.status as keyof typeof STATUS_LABELS] ?? check.status}
              <span className="ml-2 rounded bg-white/70 px-1.5 py-0.5 font-mono text-xs font-normal">{check.reason}</span>
            </p>
            <p className="mt-2">
              <span className="font-semibold">What to check: </span>
              {check.hint}
            </p>
          </div>
        ) : null}
        {link ? (
          <p className="mt-2 text-sm">
            <Link href={link.href} className="font-medium text-brand-700 underline hover:text-brand-900">
              {link.label}
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
