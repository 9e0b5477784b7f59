/**
 * Times typed in a connector's own zone ("2026-12-31T17:45" from a datetime-local input) to instants and back. Pure
 * functions on Intl, like lib/format/date.ts.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The zone's offset from UTC at `instant`, in milliseconds. */
function offsetMs(instant: number, timeZone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(instant))
      .map((x) => [x.type, Number(x.value)]),
  );
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** "YYYY-MM-DDTHH:mm" read as wall-clock time in `timeZone`; undefined when it is not such a time. */
export function parseLocalDateTime(value: string, timeZone: string): Date | undefined {
  const m = LOCAL.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  // Two passes settle the offset across a daylight-saving change (a time skipped by the clock lands just after it).
  const first = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(first, timeZone));
}

/** An instant as "YYYY-MM-DDTHH:mm" in `timeZone`, for a datetime-local input's value or min. */
export function toLocalInput(date: Date, timeZone: string): string {
  return new Date(date.getTime() + offsetMs(date.getTime(), timeZone)).toISOString().slice(0, 16);
}
