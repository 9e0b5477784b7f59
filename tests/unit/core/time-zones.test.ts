import { canonicalTimeZone, isTimeZone, timeZones } from "@/lib/format/time-zones";
import { checkTimeZone } from "@/lib/connectors/general-rules";

describe("time zone names", () => {
  it("accepts every IANA name and its aliases, under one current name", () => {
    expect(canonicalTimeZone("Europe/Kyiv")).toBe("Europe/Kyiv");
    expect(canonicalTimeZone("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(canonicalTimeZone("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(canonicalTimeZone("US/Eastern")).toBe("America/New_York");
    expect(canonicalTimeZone("europe/london")).toBe("Europe/London");
    expect(canonicalTimeZone("Etc/UTC")).toBe("UTC");
    expect(checkTimeZone(" Europe/Kiev ")).toEqual({ ok: true, value: "Europe/Kyiv" });
  });

  it("refuses what is not a zone name: unknown places, offsets, text", () => {
    for (const bad of ["Mars/Olympus", "+01:00", "GMT+1 ", "", "Europe/", "../etc/passwd", "x".repeat(120)])
      expect({ bad, ok: isTimeZone(bad) }).toEqual({ bad, ok: false });
  });

  it("lists every zone once, each under the name it is stored as", () => {
    const zones = timeZones();
    expect(zones[0]).toBe("UTC");
    expect(new Set(zones).size).toBe(zones.length);
    for (const zone of zones) expect({ zone, as: canonicalTimeZone(zone) }).toEqual({ zone, as: zone });
  });
});
