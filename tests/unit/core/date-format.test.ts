import { DATE_FORMATS, formatDateTime, isTimeZone, timeAgo, timeZones } from "@/lib/format/date";

const winter = new Date("2026-12-31T17:45:00Z");
const summer = new Date("2026-07-01T08:05:00Z");

describe("connector date formatting", () => {
  it.each([
    ["dd/MM/yyyy HH:mm", "Europe/London", winter, "31/12/2026 17:45 GMT"],
    ["dd/MM/yyyy HH:mm", "Europe/London", summer, "01/07/2026 09:05 BST"],
    ["MM/dd/yyyy hh:mm a", "America/New_York", winter, "12/31/2026 12:45 PM EST"],
    ["MM/dd/yyyy hh:mm a", "America/New_York", summer, "07/01/2026 04:05 AM EDT"],
    ["yyyy-MM-dd HH:mm", "Asia/Tokyo", winter, "2027-01-01 02:45 GMT+9"],
    ["dd.MM.yyyy HH:mm", "Europe/Berlin", winter, "31.12.2026 18:45 CET"],
    ["d MMM yyyy, HH:mm", "UTC", summer, "1 Jul 2026, 08:05 UTC"],
  ])("%s in %s", (format, zone, date, expected) => {
    expect(formatDateTime(date, zone, format)).toBe(expected);
  });

  it("offers every format and knows IANA zones including UTC", () => {
    expect(DATE_FORMATS).toHaveLength(5);
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(timeZones().length).toBeGreaterThan(300);
  });

  it("says how long ago", () => {
    const now = new Date("2026-11-27T12:00:00Z");
    expect(timeAgo(new Date("2026-11-27T11:59:50Z"), now)).toBe("just now");
    expect(timeAgo(new Date("2026-11-27T11:57:00Z"), now)).toBe("3 minutes ago");
    expect(timeAgo(new Date("2026-11-27T10:00:00Z"), now)).toBe("2 hours ago");
    expect(timeAgo(new Date("2026-11-25T12:00:00Z"), now)).toBe("2 days ago");
  });
});
