import type { LatencyPoint } from "@/lib/connectors/types";
import { type HourBar, LatencyChartView } from "./latency-chart-view";
import type { FormatDate } from "./section";

const HOUR = 3_600_000;
const ms = (v: number) => `${Math.round(v).toLocaleString("en-GB")} ms`;

/**
 * Hourly average latency as bars (red where a check failed), with the hour's p95 as a tick. The server prepares one
 * compact row per hour with its label already in the connector's zone and format; the browser draws them
 * (latency-chart-view.tsx), so the page does not carry 168 SVG groups with a title each, twice over (HTML and React
 * payload). The figures are also given as text for screen readers.
 */
export function LatencyChart({
  points,
  hours,
  when,
  now = new Date(),
}: {
  points: LatencyPoint[];
  hours: number;
  when: FormatDate;
  now?: Date;
}) {
  if (points.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No checks in the last {hours / 24} days, so there is no latency to chart.
      </p>
    );
  const start = now.getTime() - hours * HOUR;
  const bars: HourBar[] = points.map((p) => ({
    slot: Math.max(0, Math.min(hours - 1, Math.floor((p.at.getTime() - start) / HOUR))),
    avgMs: Math.round(p.avgMs),
    p95Ms: Math.round(p.p95Ms),
    checks: p.checks,
    failures: p.failures,
    label: when(p.at),
  }));
  const sorted = points.map((p) => p.avgMs).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const worst = points.reduce((a, b) => (b.avgMs > a.avgMs ? b : a));
  const failedHours = points.filter((p) => p.failures > 0).length;
  return (
    <LatencyChartView
      bars={bars}
      hours={hours}
      title={`Hourly check latency, last ${hours / 24} days`}
      description={`Typical hourly average ${ms(median)}; slowest hour ${ms(worst.avgMs)} at ${when(worst.at)}. ${failedHours} of ${points.length} hours with checks had a failed check.`}
      from={when(new Date(start))}
      to={when(now)}
    />
  );
}
