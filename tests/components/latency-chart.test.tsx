import { fireEvent, render, screen } from "@testing-library/react";
import type { LatencyPoint } from "@/db/queries/connector-history";
import { LatencyChart } from "@/components/connectors/summary/latency-chart";

const HOUR = 3_600_000;
const now = new Date("2026-03-10T12:00:00Z");
/** `hoursAgo` 1 is the newest full hour's bar (slot hours - 1). */
const point = (hoursAgo: number, avgMs: number, p95Ms: number, failures = 0): LatencyPoint => ({
  at: new Date(now.getTime() - hoursAgo * HOUR),
  checks: 12,
  failures,
  avgMs,
  p95Ms,
});
const when = (d: Date) => `T-${Math.round((now.getTime() - d.getTime()) / HOUR)}h`;
// The hour under the pointer is formatted in the browser, in the connector's zone and format.
const zone = { timeZone: "America/New_York", dateFormat: "yyyy-MM-dd HH:mm" };

function draw(points: LatencyPoint[]) {
  const { container } = render(<LatencyChart points={points} hours={24} when={when} zone={zone} now={now} />);
  const svg = container.querySelector("svg")!;
  // The chart's drawing area is 720 units wide; jsdom has no layout, so the SVG is given a 720 px box at x = 0.
  svg.getBoundingClientRect = () => ({
    left: 0,
    top: 0,
    width: 720,
    height: 160,
    right: 720,
    bottom: 160,
    x: 0,
    y: 0,
    toJSON: () => ({}),
  });
  const series = (name: string) => container.querySelector(`path[data-series="${name}"]`)!.getAttribute("d")!;
  return { svg, series };
}

describe("LatencyChart", () => {
  it("says so when there is nothing to chart", () => {
    render(<LatencyChart points={[]} hours={168} when={when} zone={zone} now={now} />);
    expect(screen.getByText("No checks in the last 7 days, so there is no latency to chart.")).toBeInTheDocument();
  });

  it("draws one bar per hour, red where a check failed, and a p95 tick per hour, on a round scale", () => {
    const { svg, series } = draw([point(3, 100, 180), point(2, 300, 420, 2), point(1, 150, 240)]);
    const bars = (d: string) => d.match(/M/g)?.length ?? 0;
    expect(bars(series("ok"))).toBe(2);
    expect(bars(series("failed"))).toBe(1);
    expect(bars(series("p95"))).toBe(3);
    // Scale maximum 500 ms (the round value above the highest p95): a 300 ms average reaches 60 % of the 144-unit plot.
    expect(screen.getByText("500 ms")).toBeInTheDocument();
    // The failed hour, 2 hours ago, is slot 22 of 24: a stroke up its middle from the baseline to 60 % of the 144-pixel
    // plot (whole pixels); the series are drawn in slots up from the baseline, flipped and scaled to 664 / 24 units each.
    expect(series("failed")).toBe("M22.5 0V86");
    expect(series("p95")).toBe("M21 52h1M22 121h1M23 69h1");
    expect(svg.querySelector("g[transform]")!.getAttribute("transform")).toBe("translate(48 154) scale(27.667 -1)");
  });

  it("describes the series for screen readers", () => {
    draw([point(3, 100, 180), point(2, 300, 420, 2), point(1, 150, 240)]);
    // The SVG is labelled by its <title> and its <desc> together.
    expect(screen.getByRole("img")).toHaveAccessibleName(
      "Hourly check latency, last 1 days Typical hourly average 150 ms; slowest hour 300 ms at T-2h. 1 of 3 hours with checks had a failed check.",
    );
  });

  it("shows the hour under the pointer with its figures, and nothing over an hour without checks", () => {
    const { svg } = draw([point(3, 100, 180), point(2, 300, 420, 2)]);
    const slotX = (slot: number) => 48 + (slot + 0.5) * (664 / 24);
    fireEvent.mouseMove(svg, { clientX: slotX(22) });
    expect(screen.getByTestId("latency-tooltip")).toHaveTextContent(
      "2026-03-10 06:00 EDT: average 300 ms, p95 420 ms, 12 checks, 2 failed",
    );
    fireEvent.mouseMove(svg, { clientX: slotX(21) });
    expect(screen.getByTestId("latency-tooltip")).toHaveTextContent(
      "2026-03-10 05:00 EDT: average 100 ms, p95 180 ms, 12 checks",
    );
    fireEvent.mouseMove(svg, { clientX: slotX(5) });
    expect(screen.queryByTestId("latency-tooltip")).toBeNull();
    fireEvent.mouseMove(svg, { clientX: slotX(22) });
    fireEvent.mouseLeave(svg);
    expect(screen.queryByTestId("latency-tooltip")).toBeNull();
  });
});
