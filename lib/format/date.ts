/**
 * Connector dates: every date on a connector's pages is shown in the connector's own time zone and date format,
 * with the zone named. Pure functions on Intl, so server pages, e-mails and CSV exports format identically.
 */
export const DATE_FORMATS = [
  { id: "dd/MM/yyyy HH:mm", label: "31/12/2026 17:45 (day first, 24-hour)" },
  { id: "MM/dd/yyyy hh:mm a", label: "12/31/2026 05:45 PM (month first, 12-hour)" },
  { id: "yyyy-MM-dd HH:mm", label: "2026-12-31 17:45 (ISO)" },
  { id: "dd.MM.yyyy HH:mm", label: "31.12.2026 17:45 (dotted)" },
  { id: "d MMM yyyy, HH:mm", label: "31 Dec 2026, 17:45 (written month)" },
] as const;
export type DateFormatId = (typeof DATE_FORMATS)[number]["id"];
export const DATE_FORMAT_IDS = DATE_FORMATS.map((f) => f.id) as [DateFormatId, ...DateFormatId[]];

export { canonicalTimeZone, isTimeZone, timeZones } from "./time-zones";

// Building an Intl.DateTimeFormat costs ~60 µs, formatting with one ~2 µs; a summary page formats ~250 dates
// (measured: a fifth of its server time), so keep one formatter per zone and locale. Zones are a bounded set.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: "en-GB" | "en-US", timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    fmt =
      locale === "en-GB"
        ? new Intl.DateTimeFormat("en-GB", {
            timeZone,
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
            hour: "2-digit",
            minute: "2-digit",
            hourCycle: "h23",
            timeZoneName: "short",
          })
        : new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" });
    formatters.set(key, fmt);
  }
  return fmt;
}

function parts(date: Date, timeZone: string) {
  const p = Object.fromEntries(
    formatter("en-GB", timeZone)
      .formatToParts(date)
      .map((x) => [x.type, x.value]),
  );
  return { y: p.year, M: p.month, d: p.day, H: p.hour, m: p.minute, zone: zoneName(date, timeZone, p.timeZoneName) };
}

/** British English names European zones (BST, CET), American English names American ones (EST); else "GMT+9". */
function zoneName(date: Date, timeZone: string, british: string): string {
  if (!/^GMT[+-]/.test(british)) return british;
  const us = formatter("en-US", timeZone)
    .formatToParts(date)
    .find((x) => x.type === "timeZoneName")?.value;
  return us && !/^GMT[+-]/.test(us) ? us : british;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "31/12/2026 17:45" in the zone; `withZone` appends the zone's short name ("GMT", "CET", "GMT-5"). */
export function formatDateTime(date: Date, timeZone: string, format: string, withZone = true): string {
  const { y, M, d, H, m, zone } = parts(date, timeZone);
  const h12 = String(((Number(H) + 11) % 12) + 1).padStart(2, "0");
  const text = (() => {
    switch (format as DateFormatId) {
      case "MM/dd/yyyy hh:mm a":
        return `${M}/${d}/${y} ${h12}:${m} ${Number(H) < 12 ? "AM" : "PM"}`;
      case "yyyy-MM-dd HH:mm":
        return `${y}-${M}-${d} ${H}:${m}`;
      case "dd.MM.yyyy HH:mm":
        return `${d}.${M}.${y} ${H}:${m}`;
      case "d MMM yyyy, HH:mm":
        return `${Number(d)} ${MONTHS[Number(M) - 1]} ${y}, ${H}:${m}`;
      default:
        return `${d}/${M}/${y} ${H}:${m}`;
    }
  })();
  return withZone ? `${text} ${zone}` : text;
}

/** "3 minutes ago" style, for tiles. */
export function timeAgo(date: Date, now = new Date()): string {
  const s = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (s < 45) return "just now";
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  for (const [size, name] of units) {
    const n = Math.round(s / size);
    if (n >= 1 && s >= size * 0.75) return `${n} ${name}${n === 1 ? "" : "s"} ago`;
  }
  return "just now";
}
