import type { IncidentFilters } from "@/db/queries/incidents";
import { ENVIRONMENTS, type Environment } from "@/db/schema";
import { EARLIEST_YEAR, LATEST_YEAR } from "@/lib/sync-reports/filters";
import { getSystem } from "@/lib/systems";

export const INCIDENT_STATUSES = ["unreachable", "auth_failed"] as const;
export const INCIDENTS_PAGE_SIZE = 50;
const DAY = 86_400_000;

/** What the Incidents page and its CSV show; built only by parseIncidentFilters, so both always agree. */
export type IncidentQuery = {
  filters: IncidentFilters;
  /** The filters as typed back into the form (days as YYYY-MM-DD, UTC). */
  form: { status: string; system: string; environment: string; connector: string; from: string; to: string };
  page: number;
  notices: string[];
};

type Params = URLSearchParams | Record<string, string | string[] | undefined>;
const read = (p: Params, key: string) => {
  const v = p instanceof URLSearchParams ? p.get(key) : p[key];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first.trim() : "";
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A YYYY-MM-DD day that exists, as UTC midnight; "" when absent, undefined when it is not such a day. */
function day(value: string): Date | "" | undefined {
  if (!value) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m || +m[1] < EARLIEST_YEAR || +m[1] > LATEST_YEAR) return undefined;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.toISOString().slice(0, 10) === value ? d : undefined;
}

/**
 * The one parser of the Incidents page's search parameters (the page and the CSV export). Unknown values are ignored
 * with a notice rather than an error: a bookmarked link keeps working. Days are whole UTC days, both inclusive; an
 * incident is shown when any part of it falls within them.
 */
export function parseIncidentFilters(params: Params): IncidentQuery {
  const notices: string[] = [];
  const form = {
    status: read(params, "status"),
    system: read(params, "system"),
    environment: read(params, "environment"),
    connector: read(params, "connector"),
    from: read(params, "from"),
    to: read(params, "to"),
  };
  const filters: IncidentFilters = {};
  if ((INCIDENT_STATUSES as readonly string[]).includes(form.status))
    filters.status = form.status as IncidentFilters["status"];
  else form.status = "";
  if (form.system && getSystem(form.system)) filters.systemId = form.system;
  else form.system = "";
  if ((ENVIRONMENTS as readonly string[]).includes(form.environment))
    filters.environment = form.environment as Environment;
  else form.environment = "";
  if (UUID.test(form.connector)) filters.connectorId = form.connector.toLowerCase();
  else form.connector = "";
  for (const key of ["from", "to"] as const) {
    const d = day(form[key]);
    if (d === undefined) {
      notices.push(
        `The ${key === "from" ? "start" : "end"} date "${form[key].slice(0, 20).replace(/[^\x20-\x7e]/g, "?")}" is not a date (use YYYY-MM-DD), so it was ignored.`,
      );
      form[key] = "";
    } else if (d) {
      if (key === "from") filters.from = d;
      else filters.to = new Date(d.getTime() + DAY);
    }
  }
  if (filters.from && filters.to && filters.from >= filters.to) {
    notices.push("The start date was after the end date, so they were swapped.");
    [form.from, form.to] = [form.to, form.from];
    const from = new Date(filters.to.getTime() - DAY);
    filters.to = new Date(filters.from.getTime() + DAY);
    filters.from = from;
  }
  const page = Number(read(params, "page"));
  return { filters, form, page: Number.isSafeInteger(page) && page > 0 ? page : 1, notices };
}

/** The filters as query parameters (empty ones left out), plus `extra` (a page). */
export function incidentParams(form: IncidentQuery["form"], extra: Record<string, string> = {}): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...form, ...extra })) if (v) p.set(k, v);
  return p;
}
