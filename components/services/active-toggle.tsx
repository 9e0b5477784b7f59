"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { setServiceActiveAction } from "@/lib/actions/services";
import { initialFormState } from "@/lib/form-state";

/** A switch that posts the state it asks for (not "flip"), so a double click or a stale page cannot undo itself. */
export function ActiveToggle({ serviceId, name, active }: { serviceId: string; name: string; active: boolean }) {
  const [state, action] = useActionState(setServiceActiveAction, initialFormState);
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="serviceId" value={serviceId} />
      <input type="hidden" name="active" value={String(!active)} />
      <Switch active={active} name={name} />
      <p aria-live="polite" className="text-xs text-red-700">
        {state.ok ? null : state.message}
      </p>
    </form>
  );
}

function Switch({ active, name }: { active: boolean; name: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      role="switch"
      aria-checked={active}
      aria-label={`${name} active`}
      // aria-disabled, not disabled: a disabled button drops keyboard focus to <body> while the change is saved.
      aria-disabled={pending}
      onClick={(e) => {
        if (pending) e.preventDefault();
      }}
      className="group inline-flex items-center gap-2 rounded-full text-sm aria-disabled:opacity-60"
    >
      <span
        className={`relative inline-block h-5 w-9 rounded-full transition-colors ${active ? "bg-emerald-600" : "bg-slate-300"}`}
      >
        <span
          className={`absolute left-0 top-0.5 h-4 w-4 rounded-full bg-white shadow transition-transform ${active ? "translate-x-4" : "translate-x-0.5"}`}
        />
      </span>
      <span className={active ? "text-emerald-800" : "text-slate-600"}>
        {pending ? "Saving…" : active ? "Active" : "Inactive"}
      </span>
    </button>
  );
}
