import { act, render, screen } from "@testing-library/react";
import { agoText, MAX_BACKOFF_MS, nextDelay, POLL_MS } from "@/components/live/live-policy";
import { NextCheck } from "@/components/live/next-check";

describe("live updates: timing and wording", () => {
  it("polls every 10 s, doubles the wait after each failure up to two minutes, and resets on an answer", () => {
    let delay = POLL_MS;
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) waits.push((delay = nextDelay(delay, false)));
    expect(waits).toEqual([20_000, 40_000, 80_000, MAX_BACKOFF_MS, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
    expect(nextDelay(delay, true)).toBe(POLL_MS);
  });

  it("says how old the page is in steps of 5 s, then minutes and hours", () => {
    expect([0, 4_999, 5_000, 17_400, 59_999, 60_000, 3_599_000, 7_300_000].map(agoText)).toEqual([
      "just now",
      "just now",
      "5 s ago",
      "15 s ago",
      "55 s ago",
      "1 min ago",
      "59 min ago",
      "2 h ago",
    ]);
  });
});

describe("NextCheck", () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date("2026-07-01T12:00:00Z") }));
  afterEach(() => jest.useRealTimers());

  it("shows the next check's time until it passes, then that it is due, never a time in the past", () => {
    const at = new Date("2026-07-01T12:00:30Z").toISOString();
    render(<NextCheck at={at} label="01/07/2026 13:00 BST" dueAtRender={false} />);
    expect(screen.getByTestId("next-check")).toHaveTextContent("01/07/2026 13:00 BST");
    act(() => jest.advanceTimersByTime(29_000));
    expect(screen.getByTestId("next-check")).toHaveTextContent("01/07/2026 13:00 BST");
    act(() => jest.advanceTimersByTime(1_000));
    expect(screen.getByTestId("next-check")).toHaveTextContent("Due now");
  });

  it("says due at once when the page was rendered after the time, and shows a new time once the page has one", () => {
    const past = new Date("2026-07-01T11:58:00Z").toISOString();
    const { rerender } = render(<NextCheck at={past} label="01/07/2026 12:58 BST" dueAtRender />);
    expect(screen.getByTestId("next-check")).toHaveTextContent("Due now");
    const later = new Date("2026-07-01T12:05:00Z").toISOString();
    rerender(<NextCheck at={later} label="01/07/2026 13:05 BST" dueAtRender={false} />);
    expect(screen.getByTestId("next-check")).toHaveTextContent("01/07/2026 13:05 BST");
  });
});
