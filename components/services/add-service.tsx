"use client";

import { useState } from "react";
import { ServiceForm, type ConnectorChoice } from "./service-form";

/** The add form stays folded until asked for, except on an empty page where adding is the only thing to do. */
export function AddService({ connectors, startOpen }: { connectors: ConnectorChoice[]; startOpen: boolean }) {
  const [open, setOpen] = useState(startOpen);
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-900"
      >
        + Add service
      </button>
    );
  }
  return (
    <section
      aria-labelledby="add-service-title"
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="add-service-title" className="mb-3 font-semibold">
        Add a service
      </h2>
      <ServiceForm connectors={connectors} onDone={startOpen ? undefined : () => setOpen(false)} />
    </section>
  );
}
