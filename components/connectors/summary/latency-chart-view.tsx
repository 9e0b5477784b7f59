"use client";

import { useState } from "react";

/** One hour of checks: `slot` 0 is the oldest hour of the chart; `label` is already formatted for the connector. */
export type HourBar = { slot: number; avgMs: number; p95Ms: number; checks: number; failures: number; label: string };

const W = 720;
const H = 160;
const PAD = { left: 48, right: 8, top: 10, bottom: 6 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

/** A round axis maximum (100, 200, 500, 1000 ms...) so the scale reads at a glance. */
function niceMax(v: number) {
  const mag = 10 ** Math.floor(Math.log10(Math.max(v, 1)));
  return ([1, 2, 5, 10].find((m) => m * mag >= v) ?? 10) * mag;
}
const ms = (v: number) => `${Math.round(v).toLocaleString("en-GB")} ms`;
const r1 = (v: number) => Math.round(v * 10) / 10;

export function describeHour(b: HourBar) {
  return `${b.label}: average ${ms(b.avgMs)}, p95 ${ms(b.p95Ms)}, ${b.checks} checks${b.failures ? `, ${b.failures} failed` : ""}`;
}

/**
 * The latency chart's drawing: three paths (bars without failures, bars with failures, p95 ticks) instead of
 * three elements per hour, and one tooltip that follows the pointer.
 */
export function LatencyChartView({
  bars,
  hours,
  title,
  description,
  from,
  to,
}: {
  bars: HourBar[];
  hours: number;
  title: string;
  description: string;
  from: string;
  to: string;
}) {
  const [hovered, setHovered] = useState<HourBar | null>(null);
  const max = niceMax(Math.max(...bars.map((b) => b.p95Ms)));
  const barW = PLOT_W / hours;
  const x = (slot: number) => PAD.left + slot * barW;
  const y = (v: number) => PAD.top + PLOT_H - (Math.min(v, max) / max) * PLOT_H;
  const bar = (b: HourBar) =>
    `M${r1(x(b.slot) + barW * 0.1)} ${r1(y(b.avgMs))}h${r1(Math.max(1, barW * 0.8))}V${PAD.top + PLOT_H}h${r1(-Math.max(1, barW * 0.8))}Z`;
  const ok = bars
    .filter((b) => !b.failures)
    .map(bar)
    .join("");
  const failed = bars
    .filter((b) => b.failures)
    .map(bar)
    .join("");
  const ticks = bars.map((b) => `M${r1(x(b.slot))} ${r1(y(b.p95Ms))}h${r1(barW)}`).join("");
  const bySlot = new Map(bars.map((b) => [b.slot, b]));

  const onMove = (e: React.MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const slot = Math.floor((((e.clientX - box.left) / box.width) * W - PAD.left) / barW);
    setHovered(bySlot.get(slot) ?? null);
  };

  return (
    <figure className="relative">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full"
        role="img"
        aria-labelledby="latency-title latency-desc"
        onMouseMove={onMove}
        onMouseLeave={() => setHovered(null)}
      >
        {/* One string child: React 19 treats <title> specially and a split text node breaks hydration. */}
        <title id="latency-title">{title}</title>
        <desc id="latency-desc">{description}</desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(max * f)}
              y2={y(max * f)}
              className="stroke-slate-200"
              strokeWidth={1}
            />
            <text x={PAD.left - 6} y={y(max * f) + 3} textAnchor="end" className="fill-slate-500" fontSize={10}>
              {ms(max * f)}
            </text>
          </g>
        ))}
        {hovered ? (
          <rect x={x(hovered.slot)} y={PAD.top} width={barW} height={PLOT_H} className="fill-slate-200" />
        ) : null}
        <path d={ok} className="fill-brand-600" data-series="ok" />
        <path d={failed} className="fill-red-500" data-series="failed" />
        <path d={ticks} className="stroke-slate-700" fill="none" strokeWidth={1} data-series="p95" />
      </svg>
      {hovered ? (
        <p
          // Centred on its hour, but kept inside the chart at either end.
          className={`pointer-events-none absolute top-0 z-10 whitespace-nowrap rounded bg-slate-900 px-2 py-1 text-xs text-white shadow ${
            hovered.slot < hours / 5 ? "" : hovered.slot > (hours * 4) / 5 ? "-translate-x-full" : "-translate-x-1/2"
          }`}
          style={{ left: `${((x(hovered.slot) + barW / 2) / W) * 100}%` }}
          data-testid="latency-tooltip"
        >
          {describeHour(hovered)}
        </p>
      ) : null}
      <figcaption className="mt-1 flex flex-wrap justify-between gap-2 text-xs text-slate-600">
        <span>{from}</span>
        <span>
          <span aria-hidden className="mr-1 inline-block h-2 w-2 bg-brand-600" />
          average
          <span aria-hidden className="ml-3 mr-1 inline-block h-2 w-2 bg-red-500" />
          hour with a failed check
          <span aria-hidden className="ml-3 mr-1 inline-block h-px w-3 bg-slate-700 align-middle" />
          p95
        </span>
        <span>{to}</span>
      </figcaption>
    </figure>
  );
}
