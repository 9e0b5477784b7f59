import { checkIntervalMs } from "@/lib/checks/interval";
import { formatDuration } from "@/lib/incidents/format";
import { parseLocalDateTime, toLocalInput } from "@/lib/maintenance/local-time";

describe("times typed in a connector's zone", () => {
  it("reads wall-clock time in the zone, across daylight saving", () => {
    expect(parseLocalDateTime("2026-07-01T10:00", "Europe/London")?.toISOString()).toBe("2026-07-01T09:00:00.000Z");
    expect(parseLocalDateTime("2026-01-15T10:00", "Europe/London")?.toISOString()).toBe("2026-01-15T10:00:00.000Z");
    expect(parseLocalDateTime("2026-03-10T00:00", "America/New_York")?.toISOString()).toBe("2026-03-10T04:00:00.000Z");
    expect(parseLocalDateTime("2026-12-31T23:30", "Asia/Tokyo")?.toISOString()).toBe("2026-12-31T14:30:00.000Z");
  });

  it("refuses what is not a date and time", () => {
    for (const bad of ["", "tomorrow", "2026-02-30T10:00", "2026-01-01T24:00", "2026-01-01 10:00", "2026-01-01T10:60"])
      expect(parseLocalDateTime(bad, "UTC")).toBeUndefined();
  });

  it("writes an instant back as the zone's wall-clock time", () => {
    const at = new Date("2026-07-01T09:00:00Z");
    expect(toLocalInput(at, "Europe/London")).toBe("2026-07-01T10:00");
    expect(parseLocalDateTime(toLocalInput(at, "Australia/Adelaide"), "Australia/Adelaide")).toEqual(at);
  });
});

describe("check cadence and incident lengths", () => {
  it("a connector's own interval wins over the default", () => {
    expect(checkIntervalMs({ checkIntervalMinutes: 7 }, 300_000)).toBe(420_000);
    expect(checkIntervalMs({ checkIntervalMinutes: null }, 300_000)).toBe(300_000);
  });

  it("durations read at a glance", () => {
    expect(formatDuration(30_000)).toBe("under a minute");
    expect(formatDuration(12 * 60_000)).toBe("12 min");
    expect(formatDuration(125 * 60_000)).toBe("2 h 5 min");
    expect(formatDuration(3_600_000)).toBe("1 h");
    expect(formatDuration((3 * 24 + 4) * 3_600_000 + 59_000)).toBe("3 d 4 h");
  });
});
