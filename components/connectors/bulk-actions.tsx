"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { type BulkState, bulkConnectorsAction } from "@/lib/actions/operations";

const button =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60";
const input = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

const boxesOf = (formId: string) =>
  Array.from(document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name=ids][form="${formId}"]`));

/**
 * Acts on the connectors ticked on the list (each tile's checkbox belongs to this form by its `form` attribute). Only
 * the operations the role may run are offered; the server checks the role again and each connector's organisation,
 * and the answer lists what happened to each, announced by the live region.
 */
export function BulkActions({
  formId,
  canManage,
  canGroup,
  groups,
}: {
  /** The id the tiles' checkboxes name in their `form` attribute. */
  formId: string;
  canManage: boolean;
  canGroup: boolean;
  groups: { value: string; label: string }[];
}) {
  const [state, action, pending] = useActionState<BulkState, FormData>(bulkConnectorsAction, { ok: false });
  const [selected, setSelected] = useState(0);
  const [shown, setShown] = useState(0);
  const submitter = useRef<HTMLElement | null>(null);

  // The pressed button is disabled while the request runs, which drops focus to <body>: give it back afterwards.
  useEffect(() => {
    if (pending) return;
    if (submitter.current && (document.activeElement === document.body || !document.activeElement))
      submitter.current.focus();
    submitter.current = null;
  }, [pending]);

  useEffect(() => {
    const boxes = () => boxesOf(formId);
    const count = () => {
      const all = boxes();
      setShown(all.length);
      setSelected(all.filter((b) => b.checked).length);
    };
    count();
    document.addEventListener("change", count);
    return () => document.removeEventListener("change", count);
  }, [formId]);

  const selectAll = (checked: boolean) => {
    const all = boxesOf(formId);
    for (const b of all) b.checked = checked;
    setSelected(checked ? all.length : 0);
  };
  const reasonError = Object.entries(state.fieldErrors ?? {})
    .filter(([field]) => field === "reason")
    .flatMap(([, messages]) => messages)
    .join(" ");

  return (
    <form
      id={formId}
      action={action}
      onSubmit={(e) => {
        submitter.current = e.nativeEvent.submitter;
      }}
      aria-label="Act on selected connectors"
      className="mb-4 space-y-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <label className="flex items-center gap-2 font-medium">
          <input
            type="checkbox"
            checked={shown > 0 && selected === shown}
            onChange={(e) => selectAll(e.target.checked)}
            className="h-4 w-4 rounded border-slate-300"
          />
          Select all shown
        </label>
        <span className="text-slate-600">{selected === 0 ? "None selected" : `${selected} selected`}</span>
        {canManage ? (
          <>
            <button type="submit" name="op" value="check" className={button} disabled={pending}>
              Check now
            </button>
            <button type="submit" name="op" value="resume" className={button} disabled={pending}>
              Resume
            </button>
            <span className="flex items-center gap-2">
              <label htmlFor="bulk-reason" className="text-slate-700">
                Pause reason
              </label>
              <input
                id="bulk-reason"
                name="reason"
                maxLength={200}
                className={input}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? "bulk-reason-error" : undefined}
              />
              <button type="submit" name="op" value="pause" className={button} disabled={pending}>
                Pause
              </button>
            </span>
          </>
        ) : null}
        {canGroup ? (
          <span className="flex items-center gap-2">
            <label htmlFor="bulk-group" className="text-slate-700">
              Notify
            </label>
            <select id="bulk-group" name="groupId" className={input} defaultValue="">
              <option value="">The administrators</option>
              {groups.map((g) => (
                <option key={g.value} value={g.value}>
                  {g.label}
                </option>
              ))}
            </select>
            <button type="submit" name="op" value="group" className={button} disabled={pending}>
              Set notification group
            </button>
          </span>
        ) : null}
      </div>
      {reasonError ? (
        <p id="bulk-reason-error" className="text-red-700">
          {reasonError}
        </p>
      ) : null}
      <div aria-live="polite" role="status" data-testid="bulk-result">
        {pending ? <p className="text-slate-600">Working…</p> : null}
        {!pending && state.message ? (
          <p className={state.ok ? "font-medium text-slate-900" : "text-red-700"}>{state.message}</p>
        ) : null}
        {!pending && state.results?.length ? (
          <ul className="mt-1 space-y-0.5">
            {state.results.map((r) => (
              <li key={r.id}>
                <span className={r.outcome === "done" ? "text-emerald-700" : "text-amber-800"}>
                  {r.outcome === "done" ? "Done" : "Skipped"}
                </span>
                : <span className="font-medium">{r.name}</span> — {r.detail}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </form>
  );
}
