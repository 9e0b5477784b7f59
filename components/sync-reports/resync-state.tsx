import { isResyncOpen, type ResyncState, type ResyncStateText } from "@/lib/resync/state";

const TONES = {
  info: "text-sky-800",
  ok: "text-emerald-800",
  bad: "text-red-800",
  muted: "text-slate-600",
} as const;

/** Whether this run offers resync controls: a failed run without an open request, to someone allowed to resync. */
export const offersResync = (run: { status: string }, state: ResyncState | undefined, canResync: boolean) =>
  canResync && run.status === "failed" && !isResyncOpen(state);

/** The checkbox that adds a run to "Resync selected". */
export function ResyncCheckbox({ formId, runId, label }: { formId: string; runId: number; label: string }) {
  return (
    <input
      type="checkbox"
      name="runId"
      value={runId}
      form={formId}
      aria-label={`Select sync ${label}`}
      className="h-4 w-4"
    />
  );
}

/**
 * The run's resync state ("Resync requested 09:14 by Ada", "Picked up", …: `note` from resyncStateText, `status` the
 * request's) and, when offered, its "Resync" button. Plain props, so a client component can render it too.
 */
export function ResyncCell({
  formId,
  runId,
  label,
  note,
  status,
  offer,
}: {
  formId: string;
  runId: number;
  label: string;
  note: ResyncStateText | null;
  status?: ResyncState["status"];
  offer: boolean;
}) {
  const button = offer ? (
    <button
      type="submit"
      form={formId}
      name="only"
      value={runId}
      aria-label={`Resync sync ${label}`}
      className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-semibold text-slate-700 hover:bg-slate-50"
    >
      Resync
    </button>
  ) : null;
  if (!note) return button;
  return (
    <div className="flex flex-col items-start gap-1">
      <span className={`text-xs font-medium ${TONES[note.tone]}`} data-resync-state={status}>
        {note.text}
      </span>
      {button}
    </div>
  );
}
