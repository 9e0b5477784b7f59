"use client";

import { useEffect, useRef, useState } from "react";
import { ServiceForm, type ConnectorChoice } from "./service-form";

/** The add form stays folded until asked for, except on an empty page where adding is the only thing to do. */
export function AddService({ connectors, startOpen }: { connectors: ConnectorChoice[]; startOpen: boolean }) {
  const [open, setOpen] = useState(startOpen);
  // Focus follows the user: into the form when it opens, back to "+ Add service" when it closes.
  const moved = useRef(false);
  const button = useRef<HTMLButtonElement>(null);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!moved.current) return;
    if (open) section.current?.querySelector<HTMLElement>("input:not([type=hidden]), select")?.focus();
    else button.current?.focus();
  }, [open]);
  const toggle = (next: boolean) => {
    moved.current = true;
    setOpen(next);
  };
  if (!open) {
    return (
      <button
        ref={button}
        type="button"
        onClick={() => toggle(true)}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-900"
      >
        + Add service
      </button>
    );
  }
  return (
    <section
      ref={section}
      aria-labelledby="add-service-title"
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="add-service-title" className="mb-3 font-semibold">
        Add a service
      </h2>
      <ServiceForm connectors={connectors} onDone={startOpen ? undefined : () => toggle(false)} />
    </section>
  );
}
