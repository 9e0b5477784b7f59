"use client";

import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/form-state";

const TRIGGER = {
  danger: "rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-700 hover:bg-red-50",
  secondary:
    "rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 shadow-sm hover:bg-slate-50",
  link: "text-sm font-medium text-red-700 underline-offset-2 hover:underline",
};

type Props = {
  /** The opening button's text, e.g. "Delete…". */
  trigger: React.ReactNode;
  triggerStyle?: keyof typeof TRIGGER;
  /** The accessible name of the confirmation (and of its form), e.g. "Delete Orders". */
  label: string;
  /** The question, shown as the confirmation's heading. */
  title: string;
  /** What happens if confirmed, hidden inputs, and any field the confirmation asks for. */
  children: React.ReactNode;
  /** The confirming button's text and its text while the action runs. */
  confirm: string;
  pendingText?: string;
  action: (formData: FormData) => void;
  /** The action's latest outcome: a refusal is announced in the confirmation, a success below the button (omit when the
   * caller shows it). */
  state?: FormState;
  /** The caller announces successes itself (the confirmation still closes on one and shows refusals). */
  quietSuccess?: boolean;
};

/**
 * The one confirmation pattern for destructive actions: an inline panel under the button that opens it (no native
 * dialog). Opening moves focus into it (its first field, else its heading); Escape and Cancel close it and return focus
 * to the button; the outcome is announced (aria-live). When a confirmed action removes the whole thing from the page
 * (the item is gone), focus goes to <main> rather than being lost to <body>.
 */
export function ConfirmInline({
  trigger,
  triggerStyle = "danger",
  label,
  title,
  children,
  confirm,
  pendingText,
  action,
  state,
  quietSuccess = false,
}: Props) {
  // Opening records the outcome shown at that moment; a newer successful outcome means done, so it is closed again.
  const [openedAt, setOpenedAt] = useState<{ state?: FormState } | null>(null);
  const open = openedAt !== null && !(state?.ok && state !== openedAt.state);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);
  const headingId = useId();
  const panelId = useId();

  const close = () => setOpenedAt(null);

  // Focus follows: into the confirmation when it opens (its first field, else its question), back to the button when
  // it closes (Escape, Cancel, or done).
  useEffect(() => {
    if (open) {
      const panel = panelRef.current;
      const field = panel?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea");
      (field ?? panel?.querySelector<HTMLElement>("[data-confirm-title]"))?.focus();
    } else if (wasOpen.current) triggerRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  // Unmounted while focus was inside (e.g. the deleted row left the page): focus <main> instead of <body>. Focus may
  // already be on <body> by then: the confirming button is disabled while the action runs, which drops it there.
  useLayoutEffect(() => {
    const root = rootRef.current;
    const confirming = wasOpen;
    return () => {
      const dropped = confirming.current && document.activeElement === document.body;
      if (!dropped && !root?.contains(document.activeElement)) return;
      requestAnimationFrame(() => {
        if (document.activeElement === document.body || !document.activeElement?.isConnected)
          document.getElementById("main")?.focus();
      });
    };
  }, []);

  return (
    <div ref={rootRef} className="space-y-2">
      <button
        ref={triggerRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => (open ? close() : setOpenedAt({ state }))}
        className={TRIGGER[triggerStyle]}
      >
        {trigger}
      </button>
      {open ? (
        <div
          ref={panelRef}
          id={panelId}
          role="alertdialog"
          aria-label={label}
          aria-describedby={headingId}
          onKeyDown={(e) => {
            if (e.key !== "Escape") return;
            e.stopPropagation();
            close();
          }}
          className="rounded-md border border-red-200 bg-red-50 p-4 text-sm"
        >
          <form action={action} aria-label={label} noValidate className="space-y-3">
            <p id={headingId} data-confirm-title tabIndex={-1} className="font-semibold text-red-900">
              {title}
            </p>
            <div className="space-y-3 text-red-900">{children}</div>
            {state && !state.ok ? <FormMessage state={state} /> : null}
            <div className="flex flex-wrap gap-2">
              <SubmitButton variant="danger" pendingText={pendingText}>
                {confirm}
              </SubmitButton>
              <button
                type="button"
                onClick={close}
                className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50"
              >
                Cancel
              </button>
            </div>
          </form>
        </div>
      ) : null}
      {state && !quietSuccess ? <FormMessage state={state.ok ? state : { ok: true }} /> : null}
    </div>
  );
}
