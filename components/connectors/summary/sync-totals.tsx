"use client";

import type { SyncTotals } from "@/lib/connectors/types";

const n = (v: number) => v.toLocaleString("en-GB");

/**
 * Snapshot totals: one card per window, syncs by status then transactions. A client component only so the page sends
 * the figures once as data (the React payload of server-rendered cards repeats every element and class).
 */
export function SyncTotalsCards({ day, week }: { day: SyncTotals; week: SyncTotals }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <TotalsCard title="Last 24 hours" totals={day} />
      <TotalsCard title="Last 7 days" totals={week} />
    </div>
  );
}

function TotalsCard({ title, totals: t }: { title: string; totals: SyncTotals }) {
  const syncs = [
    { label: "OK", value: t.ok, tone: "text-emerald-700" },
    { label: "Sent", value: t.sent, tone: "text-sky-700" },
    { label: "Pending", value: t.pending, tone: "text-amber-700" },
    { label: "Failed", value: t.failed, tone: t.failed ? "text-red-700" : "text-slate-900" },
  ];
  return (
    <section aria-label={`Totals, ${title.toLowerCase()}`} className="rounded-md border border-slate-200 p-4">
      <h3 className="text-sm font-medium text-slate-600">{title}</h3>
      <p className="mt-2">
        <span className="text-3xl font-semibold">{n(t.total)}</span>{" "}
        <span className="text-sm text-slate-600">{t.total === 1 ? "sync" : "syncs"}</span>
      </p>
      <dl className="mt-3 grid grid-cols-4 gap-2 text-sm">
        {syncs.map((s) => (
          <div key={s.label}>
            <dt className="text-xs text-slate-600">{s.label}</dt>
            <dd className={`font-semibold ${s.tone}`}>{n(s.value)}</dd>
          </div>
        ))}
      </dl>
      <dl className="mt-3 grid grid-cols-2 gap-2 border-t border-slate-100 pt-3 text-sm">
        <div>
          <dt className="text-xs text-slate-600">Transactions pulled</dt>
          <dd className="font-semibold">{n(t.pulled)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Transactions pushed</dt>
          <dd className="font-semibold">{n(t.pushed)}</dd>
        </div>
      </dl>
    </section>
  );
}
