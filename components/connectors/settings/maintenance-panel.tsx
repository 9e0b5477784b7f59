"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  cancelMaintenanceAction,
  pauseConnectorAction,
  resumeConnectorAction,
  scheduleMaintenanceAction,
  updateCheckIntervalAction,
} from "@/lib/actions/operations";
import { initialFormState } from "@/lib/form-state";

/** A pause or maintenance window, current or to come, with its times already in the connector's zone. */
export type WindowItem = {
  id: string;
  kind: "pause" | "maintenance";
  starts: string;
  ends: string | null;
  reason: string;
  createdByName: string;
  active: boolean;
};

type Props = {
  connectorId: string;
  timeZone: string;
  /** The connector's own interval in minutes; null = the default. */
  intervalMinutes: number | null;
  defaultMinutes: number;
  windows: WindowItem[];
  /** "Now" in the connector's zone, the earliest a datetime input offers. */
  nowLocal: string;
};

/** How often the connector is checked, pausing its checks, and maintenance windows planned ahead. */
export function MaintenancePanel(props: Props) {
  const paused = props.windows.find((w) => w.kind === "pause" && w.active);
  // Pausing replaces the pause form by the resume form (and back), which took the focused button away: once the
  // user has pressed one of them, the form that appears takes focus on its heading.
  const [swapped, setSwapped] = useState(false);
  const onSwap = () => setSwapped(true);
  return (
    <div className="space-y-8">
      <IntervalForm {...props} />
      {paused ? (
        <ResumeForm connectorId={props.connectorId} pause={paused} focusOnMount={swapped} onSubmit={onSwap} />
      ) : (
        <PauseForm {...props} focusOnMount={swapped} onSubmit={onSwap} />
      )}
      <MaintenanceForm {...props} />
      <UpcomingWindows
        connectorId={props.connectorId}
        windows={props.windows.filter((w) => w.kind === "maintenance")}
      />
    </div>
  );
}

function IntervalForm({ connectorId, intervalMinutes, defaultMinutes }: Props) {
  const [state, action] = useActionState(updateCheckIntervalAction, initialFormState);
  return (
    <form action={action} className="space-y-3" aria-label="Check interval">
      <input type="hidden" name="connectorId" value={connectorId} />
      <Field
        name="minutes"
        id="check-interval"
        label="Check interval (minutes)"
        type="number"
        min={1}
        max={60}
        step={1}
        inputMode="numeric"
        placeholder={String(defaultMinutes)}
        defaultValue={state.values?.minutes ?? (intervalMinutes === null ? "" : String(intervalMinutes))}
        help={`1 to 60 minutes. Leave empty for the default (${defaultMinutes} minutes). A failing connector is checked less often as it keeps failing.`}
        errors={state.fieldErrors?.minutes}
        className="max-w-xs"
      />
      <SubmitButton variant="secondary">Save interval</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/** The heading of a form that replaced the one the user just used: focused when it appears, if asked. */
function useFocusOnMount(focusOnMount: boolean) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
    // Only when the form appears, not when the flag changes under a form already shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return heading;
}

type SwapProps = { focusOnMount: boolean; onSubmit: () => void };

function PauseForm({ connectorId, timeZone, nowLocal, focusOnMount, onSubmit }: Props & SwapProps) {
  const [state, action] = useActionState(pauseConnectorAction, initialFormState);
  const heading = useFocusOnMount(focusOnMount);
  return (
    <form action={action} onSubmit={onSubmit} className="space-y-3" aria-label="Pause checks">
      <h3 ref={heading} tabIndex={-1} className="text-sm font-semibold">
        Pause checks
      </h3>
      <p className="text-sm text-slate-600">
        While paused the connector is not checked and no alert is sent; the list and summary say so, with the reason.
      </p>
      <input type="hidden" name="connectorId" value={connectorId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          name="reason"
          id="pause-reason"
          label="Reason"
          required
          maxLength={200}
          defaultValue={state.values?.reason}
          errors={state.fieldErrors?.reason}
        />
        <Field
          name="until"
          id="pause-until"
          label={`Until (optional, ${timeZone})`}
          type="datetime-local"
          min={nowLocal}
          defaultValue={state.values?.until}
          help="Empty: until someone resumes it."
          errors={state.fieldErrors?.until}
        />
      </div>
      <SubmitButton variant="secondary" pendingText="Pausing…">
        Pause checks
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

function ResumeForm({
  connectorId,
  pause,
  focusOnMount,
  onSubmit,
}: { connectorId: string; pause: WindowItem } & SwapProps) {
  const [state, action] = useActionState(resumeConnectorAction, initialFormState);
  const heading = useFocusOnMount(focusOnMount);
  return (
    <form action={action} onSubmit={onSubmit} className="space-y-3" aria-label="Resume checks">
      <h3 ref={heading} tabIndex={-1} className="text-sm font-semibold">
        Checks are paused
      </h3>
      <p className="text-sm text-slate-700" data-testid="pause-details">
        Paused by {pause.createdByName} since {pause.starts}
        {pause.ends ? `, until ${pause.ends}` : ", until resumed"}: {pause.reason}
      </p>
      <input type="hidden" name="connectorId" value={connectorId} />
      <SubmitButton variant="secondary" pendingText="Resuming…">
        Resume checks
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

function MaintenanceForm({ connectorId, timeZone, nowLocal }: Props) {
  const [state, action] = useActionState(scheduleMaintenanceAction, initialFormState);
  return (
    <form action={action} className="space-y-3" aria-label="Schedule maintenance">
      <h3 className="text-sm font-semibold">Schedule a maintenance window</h3>
      <p className="text-sm text-slate-600">
        Plan a vendor&rsquo;s maintenance ahead: no checks and no alerts between the start and the end ({timeZone}).
      </p>
      <input type="hidden" name="connectorId" value={connectorId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field
          name="startsAt"
          id="maintenance-start"
          label="Start"
          type="datetime-local"
          required
          min={nowLocal}
          defaultValue={state.values?.startsAt}
          errors={state.fieldErrors?.startsAt}
        />
        <Field
          name="endsAt"
          id="maintenance-end"
          label="End"
          type="datetime-local"
          required
          min={nowLocal}
          defaultValue={state.values?.endsAt}
          errors={state.fieldErrors?.endsAt}
        />
        <Field
          name="reason"
          id="maintenance-reason"
          label="Reason"
          required
          maxLength={200}
          defaultValue={state.values?.reason}
          errors={state.fieldErrors?.reason}
        />
      </div>
      <SubmitButton variant="secondary" pendingText="Scheduling…">
        Schedule maintenance
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

function UpcomingWindows({ connectorId, windows }: { connectorId: string; windows: WindowItem[] }) {
  if (windows.length === 0) return null;
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold">Maintenance windows</h3>
      <ul className="divide-y divide-slate-100 text-sm" aria-label="Maintenance windows">
        {windows.map((w) => (
          <li key={w.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              {w.active ? <span className="font-semibold text-violet-800">In progress · </span> : null}
              {w.starts} – {w.ends}: {w.reason} <span className="text-slate-600">(by {w.createdByName})</span>
            </span>
            {w.active ? null : <CancelButton connectorId={connectorId} windowId={w.id} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function CancelButton({ connectorId, windowId }: { connectorId: string; windowId: string }) {
  const [state, action] = useActionState(cancelMaintenanceAction, initialFormState);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="connectorId" value={connectorId} />
      <input type="hidden" name="windowId" value={windowId} />
      <SubmitButton variant="secondary" pendingText="Cancelling…">
        Cancel
      </SubmitButton>
      {state.message && !state.ok ? <span className="text-red-700">{state.message}</span> : null}
    </form>
  );
}
