"use client";

import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { FieldErrors } from "@/components/ui/field";
import { formatDateTime } from "@/lib/format/date";
import { canonicalTimeZone } from "@/lib/format/time-zones";
import { RadioCard } from "./radio-card";
import { StepHeading } from "./step-indicator";
import type { StepProps, WizardProps } from "./types";

/** "new york" finds America/New_York, "london" finds Europe/London; an alias finds its zone (Europe/Kiev, Europe/Kyiv). */
export function matchesZone(zone: string, query: string) {
  const q = query.trim().toLowerCase().replace(/\s+/g, "_");
  return !q || zone.toLowerCase().includes(q) || (q.includes("/") && canonicalTimeZone(q) === zone);
}

/** A clock that reads the time when subscribed to, then every `everyMs`, and tells its subscriber. */
function createClock(everyMs: number) {
  let now: Date | null = null;
  const subscribe = (changed: () => void) => {
    const tick = () => {
      now = new Date();
      changed();
    };
    tick();
    const timer = setInterval(tick, everyMs);
    return () => clearInterval(timer);
  };
  return { subscribe, read: () => now };
}

/**
 * The browser's clock, read again every `everyMs`: null on the server and while hydrating (the server's clock and zone
 * would not match the browser's), then the time, from the moment the component is on screen.
 */
function useNow(everyMs: number): Date | null {
  const clock = useMemo(() => createClock(everyMs), [everyMs]);
  return useSyncExternalStore(clock.subscribe, clock.read, () => null);
}

/** Step 3: a searchable IANA zone (the browser's by default) and a date format, with "now" previewed in both. */
export function TimeZoneStep({
  values,
  errors,
  set,
  timeZones,
  dateFormats,
  active,
}: StepProps & Pick<WizardProps, "timeZones" | "dateFormats"> & { active: boolean }) {
  const [query, setQuery] = useState("");
  const now = useNow(15_000);
  // Show the preselected zone (the browser's) when the step opens, without scrolling the page.
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const checked = list.current?.querySelector<HTMLElement>("input:checked")?.closest("label");
    if (active && list.current && checked) list.current.scrollTop = checked.offsetTop - list.current.clientHeight / 2;
  }, [active]);
  const zone = values.timeZone || "UTC";
  const matches = timeZones.filter((z) => matchesZone(z, query));
  const zoneErrors = errors("timeZone");
  const formatErrors = errors("dateFormat");
  return (
    <>
      <StepHeading step="time" title="Time zone and date format">
        Every date on this connector&apos;s pages is shown in this zone and format.
      </StepHeading>
      <div className="grid gap-6 lg:grid-cols-2">
        <div>
          <label htmlFor="wizard-zone-search" className="block text-sm font-medium text-slate-700">
            Search time zones
          </label>
          <input
            id="wizard-zone-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              const typed = canonicalTimeZone(query);
              if (typed || matches[0]) set("timeZone", typed ?? matches[0]);
            }}
            placeholder="e.g. London, New York, Sydney"
            aria-describedby="wizard-zone-selected field-timeZone-error"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          />
          <p id="wizard-zone-selected" aria-live="polite" className="mt-1 text-xs text-slate-600">
            Selected: <span className="font-medium text-slate-800">{values.timeZone || "none"}</span> · {matches.length}{" "}
            of {timeZones.length} zones listed
          </p>
          <fieldset className="mt-2">
            <legend className="sr-only">Time zone</legend>
            <div ref={list} className="relative max-h-64 overflow-y-auto rounded-md border border-slate-200 bg-white">
              {/* ~420 radios: drawn only while the step shows (the hidden timeZone input carries the value). */}
              {(active ? matches : []).map((z) => (
                <label
                  key={z}
                  className="flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm hover:bg-slate-50 has-[:checked]:bg-brand-50 has-[:checked]:font-medium"
                >
                  <input
                    type="radio"
                    name="timeZoneChoice"
                    value={z}
                    checked={values.timeZone === z}
                    onChange={() => set("timeZone", z)}
                    className="accent-brand-700"
                  />
                  {z.replace(/_/g, " ")}
                </label>
              ))}
              {matches.length === 0 ? (
                <p className="px-3 py-2 text-sm text-slate-600">No time zone matches &quot;{query.trim()}&quot;.</p>
              ) : null}
            </div>
          </fieldset>
          <FieldErrors id="field-timeZone-error" errors={zoneErrors} />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Date format</legend>
          <div className="mt-1 space-y-2">
            {dateFormats.map((f) => (
              <RadioCard
                key={f.id}
                name="dateFormat"
                value={f.id}
                checked={values.dateFormat === f.id}
                onChange={() => set("dateFormat", f.id)}
                label={now ? formatDateTime(now, zone, f.id) : f.label.replace(/\s*\(.*\)$/, "")}
                description={f.label.match(/\(([^)]+)\)$/)?.[1] ?? f.label}
                describedBy={formatErrors?.length ? "field-dateFormat-error" : undefined}
              />
            ))}
          </div>
          <FieldErrors id="field-dateFormat-error" errors={formatErrors} />
          <p aria-live="polite" data-testid="date-preview" className="mt-3 rounded-md bg-slate-100 px-3 py-2 text-sm">
            {now ? (
              <>
                Now in {zone}: <strong>{formatDateTime(now, zone, values.dateFormat)}</strong>
              </>
            ) : null}
          </p>
        </fieldset>
      </div>
    </>
  );
}
