import type { ReportFilters as ReportQuery } from "@/db/queries/sync-report";
import { SYNC_STATUSES, type SyncStatus } from "@/db/schema";
import { getSystem } from "@/lib/systems";
import { isCleanText } from "@/lib/validation/text";

export const DEFAULT_DAYS = 5;
export const MAX_DAYS = 15;
/** Reports cover days in these years: outside them a date is a typo (9999-12-31), and the database refuses some. */
export const EARLIEST_YEAR = 2000;
export const LATEST_YEAR = 2100;
const DAY = 86_400_000;

/**
 * What the report shows: whole UTC days [start, end) (end is the midnight after `to`), plus the optional filters the
 * queries take. Built only by parseReportFilters.
 */
export type ReportFilters = ReportQuery & {
  from: string; // YYYY-MM-DD, UTC, inclusive
  to: string; // YYYY-MM-DD, UTC, inclusive
  /** Why the window differs from what was asked (a bad date, a range over 15 days), shown above the table. */
  notices: string[];
  /** An exact window inside the days (the Services page's "Failed (24 h)" link), kept in links and downloads. */
  since?: string;
  until?: string;
};

type Params = URLSearchParams | Record<string, string | string[] | undefined>;
const read = (p: Params, key: string) => {
  const v = p instanceof URLSearchParams ? p.get(key) : p[key];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first.trim() || undefined : undefined;
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const formatDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });

const asUuid = (v: string | undefined) =>
  v && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? v.toLowerCase() : undefined;

/** A YYYY-MM-DD calendar day that exists (2025-02-30 does not) in EARLIEST_YEAR..LATEST_YEAR, as UTC midnight. */
function parseDay(value: string | undefined): Date | "invalid" | "out-of-range" | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return "invalid";
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (isoDay(d) !== value) return "invalid";
  return +m[1] < EARLIEST_YEAR || +m[1] > LATEST_YEAR ? "out-of-range" : d;
}

/** A full ISO instant (2026-12-02T14:05:00.000Z), or undefined. */
function parseInstant(value: string | undefined): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
const utcMinute = (d: Date) => `${formatDay(isoDay(d))} ${d.toISOString().slice(11, 16)}`;

/**
 * The one parser of report filters, used by the page and the CSV export so the download holds exactly what the
 * page shows. Dates are whole UTC days; the default is the last 5 days including today; a range longer than
 * 15 days keeps its end date and is cut to 15 days (the report is bounded so it stays fast on millions of rows).
 */
export function parseReportFilters(params: Params, now = new Date()): ReportFilters {
  const notices: string[] = [];
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const days = { from: parseDay(read(params, "from")), to: parseDay(read(params, "to")) };
  for (const key of ["from", "to"] as const) {
    const which = key === "from" ? "start" : "end";
    if (days[key] === "invalid")
      notices.push(
        `The ${which} date "${(read(params, key) ?? "").slice(0, 20).replace(/[^\x20-\x7e]/g, "?")}" is not a date (use YYYY-MM-DD), so the default applies.`,
      );
    if (days[key] === "out-of-range")
      notices.push(
        `The ${which} date ${read(params, key)} is outside ${EARLIEST_YEAR}–${LATEST_YEAR}, so the default applies.`,
      );
  }
  let from = days.from instanceof Date ? days.from : undefined;
  let to = days.to instanceof Date ? days.to : undefined;
  to ??= from
    ? new Date(Math.max(from.getTime(), Math.min(from.getTime() + (DEFAULT_DAYS - 1) * DAY, today.getTime())))
    : today;
  from ??= new Date(to.getTime() - (DEFAULT_DAYS - 1) * DAY);
  if (from > to) {
    [from, to] = [to, from];
    notices.push("The start date was after the end date, so they were swapped.");
  }
  if ((to.getTime() - from.getTime()) / DAY + 1 > MAX_DAYS) {
    from = new Date(to.getTime() - (MAX_DAYS - 1) * DAY);
    notices.push(
      `A report covers at most ${MAX_DAYS} days, so it shows the ${MAX_DAYS} days up to ${formatDay(isoDay(to))}.`,
    );
  }
  // A default window computed back from an early end date stays inside the bounds too.
  const earliest = new Date(Date.UTC(EARLIEST_YEAR, 0, 1));
  if (from < earliest) from = earliest;

  let q = read(params, "q")?.normalize("NFC");
  if (q) q = Array.from(q).slice(0, 200).join(""); // by code point: never half of an emoji
  if (q && !isCleanText(q)) {
    notices.push("The search text contained control characters, so it was ignored.");
    q = undefined;
  }
  // "SO-1001" is one reference exactly; "SO-10*" every reference starting with "SO-10".
  let ref = read(params, "ref")?.normalize("NFC");
  if (ref) ref = Array.from(ref).slice(0, 201).join("");
  if (ref && !isCleanText(ref)) {
    notices.push("The reference contained control characters, so it was ignored.");
    ref = undefined;
  }
  const refPrefix = !!ref && ref.endsWith("*");
  if (refPrefix) ref = ref?.replace(/\*+$/, "").trim() || undefined;
  if (ref) ref = Array.from(ref).slice(0, 200).join("");
  const status = read(params, "status") as SyncStatus | undefined;
  const systemId = read(params, "system");
  const connectorId = read(params, "connector");
  const serviceId = read(params, "service");
  // An exact window (ISO instants) inside the days narrows them: the Services page counts failures in the 24 hours
  // (since, until] up to the moment it drew, and links here with that window, so the report shows the same syncs.
  let start = from;
  let end = new Date(to.getTime() + DAY);
  const since = parseInstant(read(params, "since"));
  const until = parseInstant(read(params, "until"));
  const exact = since && until && since < until && since >= start && until < end;
  if (exact) {
    start = new Date(since.getTime() + 1);
    end = new Date(until.getTime() + 1);
    notices.push(`Syncs started after ${utcMinute(since)} and up to ${utcMinute(until)} UTC.`);
  }
  return {
    from: isoDay(from),
    to: isoDay(to),
    start,
    end,
    ...(exact ? { since: since.toISOString(), until: until.toISOString() } : {}),
    status: status && SYNC_STATUSES.includes(status) ? status : undefined,
    systemId: systemId && getSystem(systemId) ? systemId : undefined,
    connectorId: asUuid(connectorId),
    serviceId: asUuid(serviceId),
    q,
    ref,
    refPrefix: ref ? refPrefix : undefined,
    notices,
  };
}

/** The filters as query parameters (dates always explicit, so a link or a download means the same days later on). */
export function filtersToParams(f: ReportFilters, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const p = new URLSearchParams({ from: f.from, to: f.to });
  const rest = {
    status: f.status,
    system: f.systemId,
    connector: f.connectorId,
    service: f.serviceId,
    q: f.q,
    since: f.since,
    until: f.until,
    ref: f.ref && (f.refPrefix ? `${f.ref}*` : f.ref),
    ...extra,
  };
  for (const [k, v] of Object.entries(rest)) if (v) p.set(k, v);
  return p;
}
