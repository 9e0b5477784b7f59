import type { LatencyPoint } from "@/db/queries/connector-history";
import type { FormatDate } from "./section";

const W = 720;
const H = 160;
const PAD = { left: 48, right: 8, top: 10, bottom: 6 };
const HOUR = 3_600_000;

/** A round axis maximum (100, 200, 500, 1000 ms...) so the scale reads at a glance. */
function niceMax(v: number) {
  const mag = 10 ** Math.floor(Math.log10(Math.max(v, 1)));
  return ([1, 2, 5, 10].find((m) => m * mag >= v) ?? 10) * mag;
}
const ms = (v: number) => `${Math.round(v).toLocaleString("en-GB")} ms`;

/**
 * Hourly average latency as bars (red where a check failed), with the hour's p95 as a tick. Drawn on the server as
 * plain SVG: no chart library in the browser bundle, and the figures are also given as text for screen readers.
 */
export function LatencyChart({ points, hours, when, now = new Date() }: { points: LatencyPoint[]; hours: number; when: FormatDate; now?: Date }) {
  if (points.length === 0) return <p className="text-sm text-slate-600">No checks in the last {hours / 24} days, so there is no latency to chart.</p>;
  const start = now.getTime() - hours * HOUR;
  const max = niceMax(Math.max(...points.map((p) => p.p95Ms)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const barW = plotW / hours;
  const x = (d: Date) => PAD.left + Math.max(0, Math.min(hours - 1, Math.floor((d.getTime() - start) / HOUR))) * barW;
  const y = (v: number) => PAD.top + plotH - (Math.min(v, max) / max) * plotH;
  const sorted = points.map((p) => p.avgMs).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const worst = points.reduce((a, b) => (b.avgMs > a.avgMs ? b : a));
  const failedHours = points.filter((p) => p.failures > 0).length;
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby="latency-title latency-desc">
        {/* One string child: React 19 treats <title> specially and a split text node breaks hydration. */}
        <title id="latency-title">{`Hourly check latency, last ${hours / 24} days`}</title>
        <desc id="latency-desc">
          {`Typical hourly average ${ms(median)}; slowest hour ${ms(worst.avgMs)} at ${when(worst.at)}. ${failedHours} of ${points.length} hours with checks had a failed check.`}
        </desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} className="stroke-slate-200" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(max * f) + 3} textAnchor="end" className="fill-slate-500" fontSize={10}>
              {ms(max * f)}
            </text>
          </g>
        ))}
        {points.map((p) => (
          <g key={p.at.getTime()}>
            <title>{`${when(p.at)}: average ${ms(p.avgMs)}, p95 ${ms(p.p95Ms)}, ${p.checks} checks${p.failures ? `, ${p.failures} failed` : ""}`}</title>
            <rect x={x(p.at) + barW * 0.1} y={y(p.avgMs)} width={Math.max(1, barW * 0.8)} height={PAD.top + plotH - y(p.avgMs)} className={p.failures ? "fill-red-500" : "fill-brand-600"} />
            <line x1={x(p.at)} x2={x(p.at) + barW} y1={y(p.p95Ms)} y2={y(p.p95Ms)} className="stroke-slate-700" strokeWidth={1} />
          </g>
        ))}
      </svg>
      <figcaption className="mt-1 flex flex-wrap justify-between gap-2 text-xs text-slate-500">
        <span>{when(new Date(start))}</span>
        <span>
          <span aria-hidden className="mr-1 inline-block h-2 w-2 bg-brand-600" />
          average
          <span aria-hidden className="ml-3 mr-1 inline-block h-2 w-2 bg-red-500" />
          hour with a failed check
          <span aria-hidden className="ml-3 mr-1 inline-block h-px w-3 bg-slate-700 align-middle" />
          p95
        </span>
        <span>{when(now)}</span>
      </figcaption>
    </figure>
  );
}
