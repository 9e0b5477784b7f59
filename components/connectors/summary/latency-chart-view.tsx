"use client";

import { useState } from "react";
import { formatDateTime } from "@/lib/format/date";

/** One hour of checks as sent by the server: [hours after the first hour, average ms, p95 ms, checks, failed]. */
export type HourRow = [hour: number, avgMs: number, p95Ms: number, checks: number, failures: number];
/** An hour placed on the chart: `slot` 0 is its oldest hour. */
type HourBar = { slot: number; at: Date; avgMs: number; p95Ms: number; checks: number; failures: number };

const HOUR = 3_600_000;
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
const r3 = (v: number) => Math.round(v * 1000) / 1000;

function describeHour(b: HourBar, zone: { timeZone: string; dateFormat: string }) {
  return `${formatDateTime(b.at, zone.timeZone, zone.dateFormat)}: average ${ms(b.avgMs)}, p95 ${ms(b.p95Ms)}, ${b.checks} checks${b.failures ? `, ${b.failures} failed` : ""}`;
}

/**
 * The latency chart's drawing: three paths (bars without failures, bars with failures, p95 ticks) instead of
 * three elements per hour, and one tooltip that follows the pointer.
 */
export function LatencyChartView({
  rows,
  firstHour,
  hours,
  start,
  zone,
  title,
  description,
  from,
  to,
}: {
  rows: HourRow[];
  /** The first row's hour, in hours since 1970 (in the connector's zone hours do not always start on the UTC hour). */
  firstHour: number;
  hours: number;
  /** The chart's first instant (ms since 1970). */
  start: number;
  zone: { timeZone: string; dateFormat: string };
  title: string;
  description: string;
  from: string;
  to: string;
}) {
  const [hovered, setHovered] = useState<HourBar | null>(null);
  const bars = rows.map(([hour, avgMs, p95Ms, checks, failures]): HourBar => {
    const at = (firstHour + hour) * HOUR;
    const slot = Math.max(0, Math.min(hours - 1, Math.floor((at - start) / HOUR)));
    return { slot, at: new Date(at), avgMs, p95Ms, checks, failures };
  });
  const max = niceMax(Math.max(...bars.map((b) => b.p95Ms)));
  const barW = PLOT_W / hours;
  const x = (slot: number) => PAD.left + slot * barW;
  const y = (v: number) => PAD.top + PLOT_H - (Math.min(v, max) / max) * PLOT_H;
  // The series are drawn in hour slots across and whole pixels up from the baseline (flipped and scaled into place by
  // their group), so each hour costs ~20 characters of path: a bar is a vertical stroke 0.8 slots wide, a p95 tick a
  // horizontal one, one slot long.
  const up = (v: number) => Math.round((Math.min(v, max) / max) * PLOT_H);
  const bar = (b: HourBar) => `M${b.slot + 0.5} 0V${up(b.avgMs)}`;
  const ok = bars
    .filter((b) => !b.failures)
    .map(bar)
    .join("");
  const failed = bars
    .filter((b) => b.failures)
    .map(bar)
    .join("");
  const ticks = bars.map((b) => `M${b.slot} ${up(b.p95Ms)}h1`).join("");
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
        <g transform={`translate(${PAD.left} ${PAD.top + PLOT_H}) scale(${r3(barW)} -1)`} fill="none">
          <path d={ok} className="stroke-brand-600" strokeWidth={0.8} data-series="ok" />
          <path d={failed} className="stroke-red-500" strokeWidth={0.8} data-series="failed" />
          <path d={ticks} className="stroke-slate-700" strokeWidth={1} data-series="p95" />
        </g>
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
          {describeHour(hovered, zone)}
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
