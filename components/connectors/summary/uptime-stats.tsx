"use client";

const pct = (v: number) => `${v.toFixed(v === 100 || v === 0 ? 0 : 2)}%`;
const LABELS = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" } as const;

/**
 * Uptime = share of (non-throttled) checks that found the connector operational. A client component only so the page
 * sends three figures rather than the cards' markup twice.
 */
export function UptimeStats({ uptime }: { uptime: Record<keyof typeof LABELS, number | null> }) {
  return (
    <dl className="grid grid-cols-3 gap-4" aria-label="Uptime">
      {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((w) => {
        const v = uptime[w];
        return (
          <div key={w} className="rounded-md border border-slate-200 p-3">
            <dt className="text-xs text-slate-600">Uptime, {LABELS[w].toLowerCase()}</dt>
            <dd
              className={`mt-1 text-2xl font-semibold ${v == null ? "text-slate-500" : v >= 99 ? "text-emerald-700" : v >= 90 ? "text-amber-700" : "text-red-700"}`}
            >
              {v == null ? <span className="text-base font-normal">No checks</span> : pct(v)}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
