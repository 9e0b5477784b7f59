import type { LatencyPoint } from "@/lib/connectors/types";
import { type HourRow, LatencyChartView } from "./latency-chart-view";
import type { FormatDate } from "./section";

const HOUR = 3_600_000;
const ms = (v: number) => `${Math.round(v).toLocaleString("en-GB")} ms`;

/**
 * Hourly average latency as bars (red where a check failed), with the hour's p95 as a tick. The server sends one row
 * of five numbers per hour; the browser draws them (latency-chart-view.tsx) and formats the hour under the pointer in
 * the connector's zone and format, so the page carries neither 168 SVG groups nor 168 date labels, twice over (HTML
 * and React payload). The figures are also given as text for screen readers.
 */
export function LatencyChart({
  points,
  hours,
  when,
  zone,
  now = new Date(),
}: {
  points: LatencyPoint[];
  hours: number;
  when: FormatDate;
  /** The connector's zone and date format, for the hour under the pointer (`when` formats the rest). */
  zone: { timeZone: string; dateFormat: string };
  now?: Date;
}) {
  if (points.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No checks in the last {hours / 24} days, so there is no latency to chart.
      </p>
    );
  const start = now.getTime() - hours * HOUR;
  const first = points[0].at.getTime() / HOUR;
  const rows: HourRow[] = points.map((p) => [
    p.at.getTime() / HOUR - first,
    Math.round(p.avgMs),
    Math.round(p.p95Ms),
    p.checks,
    p.failures,
  ]);
  const sorted = points.map((p) => p.avgMs).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const worst = points.reduce((a, b) => (b.avgMs > a.avgMs ? b : a));
  const failedHours = points.filter((p) => p.failures > 0).length;
  return (
    <LatencyChartView
      rows={rows}
      firstHour={first}
      hours={hours}
      start={start}
      zone={zone}
      title={`Hourly check latency, last ${hours / 24} days`}
      description={`Typical hourly average ${ms(median)}; slowest hour ${ms(worst.avgMs)} at ${when(worst.at)}. ${failedHours} of ${points.length} hours with checks had a failed check.`}
      from={when(new Date(start))}
      to={when(now)}
    />
  );
}
