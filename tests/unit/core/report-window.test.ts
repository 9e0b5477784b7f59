import { filtersToParams, parseReportFilters } from "@/lib/sync-reports/filters";

describe("the sync report's exact window (the Services page's 'Failed (24 h)' link)", () => {
  const now = new Date("2026-12-02T14:05:30.123Z");
  const since = new Date(now.getTime() - 86_400_000).toISOString();
  const until = now.toISOString();

  it("narrows the days to the same 24 hours the count covers, (since, until], and keeps it in links", () => {
    const f = parseReportFilters({ from: "2026-12-01", to: "2026-12-02", status: "failed", since, until }, now);
    expect(f.start.toISOString()).toBe("2026-12-01T14:05:30.124Z");
    expect(f.end.toISOString()).toBe("2026-12-02T14:05:30.124Z");
    expect(f.notices).toEqual([
      expect.stringMatching(/^Syncs started after 1 Dec 2026 14:05 and up to 2 Dec 2026 14:05 UTC/),
    ]);
    expect(filtersToParams(f).get("since")).toBe(since);
    expect(filtersToParams(f).get("until")).toBe(until);
  });

  it("ignores a window that is not two instants inside the days", () => {
    for (const bad of [
      { since: "yesterday", until },
      { since: until, until: since },
      { since: "2026-11-01T00:00:00.000Z", until },
      { since },
    ]) {
      const f = parseReportFilters({ from: "2026-12-01", to: "2026-12-02", ...bad }, now);
      expect(f.start.toISOString()).toBe("2026-12-01T00:00:00.000Z");
      expect(f.since).toBeUndefined();
    }
  });
});
