"use client";

import { useState } from "react";
import { FieldErrors } from "@/components/ui/field";
import { SystemMark } from "../system-mark";
import { StepHeading } from "./step-indicator";
import type { StepProps, WizardSystem } from "./types";

export function matchesSystem(system: WizardSystem, query: string) {
  const q = query.trim().toLowerCase();
  return (
    !q ||
    system.name.toLowerCase().includes(q) ||
    system.categoryLabel.toLowerCase().includes(q) ||
    system.id.includes(q)
  );
}

/** Step 1: every system in the catalogue, searchable by name or category, grouped by category. Radios, so arrow keys work. */
export function SystemStep({
  values,
  errors,
  systems,
  onSelect,
  active,
}: StepProps & { systems: WizardSystem[]; onSelect: (id: string) => void; active: boolean }) {
  const [query, setQuery] = useState("");
  const matches = systems.filter((s) => matchesSystem(s, query));
  const categories = [...new Set(matches.map((s) => s.categoryLabel))].sort((a, b) => a.localeCompare(b));
  const errorList = errors("systemId");
  return (
    <>
      <StepHeading step="system" title="Which system do you want to connect?">
        Search by name or category, then choose one.
      </StepHeading>
      <label htmlFor="wizard-system-search" className="block text-sm font-medium text-slate-700">
        Search systems
      </label>
      <input
        id="wizard-system-search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          // Enter picks the only match instead of submitting the wizard.
          if (e.key !== "Enter") return;
          e.preventDefault();
          if (matches.length === 1) onSelect(matches[0].id);
        }}
        aria-describedby="wizard-system-count"
        placeholder="e.g. Shopify, warehouse, SFTP"
        className="mt-1 block w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
      />
      <p id="wizard-system-count" aria-live="polite" className="mt-1 text-xs text-slate-600">
        {matches.length === 0
          ? `No system matches "${query.trim()}".`
          : `${matches.length} of ${systems.length} systems`}
      </p>
      {/* Above the cards, so "Choose a system." is in view when Next is pressed without one. */}
      <FieldErrors id="field-systemId-error" errors={errorList} />
      <div className="mt-4 space-y-5">
        {/* The hidden systemId input carries the choice, so the cards are drawn only while the step shows. */}
        {(active ? categories : []).map((category) => (
          <fieldset key={category}>
            <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">{category}</legend>
            <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {matches
                .filter((s) => s.categoryLabel === category)
                .map((s) => (
                  <label
                    key={s.id}
                    className="relative flex cursor-pointer items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 hover:border-slate-300 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700"
                  >
                    <input
                      type="radio"
                      name="systemChoice"
                      value={s.id}
                      checked={values.systemId === s.id}
                      onChange={() => onSelect(s.id)}
                      aria-describedby={errorList?.length ? "field-systemId-error" : undefined}
                      className="sr-only"
                    />
                    <SystemMark systemId={s.id} name={s.name} />
                    <span className="min-w-0">
                      <span className="block truncate text-sm font-medium">{s.name}</span>
                      <span className="block truncate text-xs text-slate-600">
                        {s.authTypes.map((a) => a.label).join(" or ")}
                      </span>
                    </span>
                  </label>
                ))}
            </div>
          </fieldset>
        ))}
      </div>
    </>
  );
}
