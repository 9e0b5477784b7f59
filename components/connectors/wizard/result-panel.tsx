import { Link } from "@/components/ui/link";
import { FormMessage } from "@/components/ui/form-message";
import { CheckOutcome } from "../check-outcome";
import type { FormState } from "@/lib/form-state";

/** Why the last save was refused: the message, the connection check's reason and hint, and a link (e.g. to the connector a duplicate collides with). */
export function ResultPanel({ state }: { state: FormState }) {
  const { check, link } = state;
  return (
    <div
      id="wizard-result"
      tabIndex={-1}
      className={`space-y-3 outline-none ${state.message || check || link ? "mb-6" : ""}`}
    >
      <FormMessage state={state} />
      <div aria-live="polite" data-testid="check-panel">
        <CheckOutcome check={check} />
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
