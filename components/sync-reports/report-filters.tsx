import { Link } from "@/components/ui/link";
import { SYNC_STATUSES } from "@/lib/sync-reports/types";
import { SYNC_STATUS_LABELS } from "@/lib/sync-reports/labels";
import { MAX_DAYS, type ReportFilters } from "@/lib/sync-reports/filters";

type Option = { value: string; label: string };
const CONNECTOR_OPTIONS_MAX = 500;

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
const label = "block text-xs font-medium uppercase tracking-wide text-slate-600";

/**
 * A plain GET form: the filters live in the URL, so a report can be bookmarked or shared, and the CSV link carries
 * the same parameters. Keyed by the filters so the inputs follow the URL after a client-side navigation.
 */
type Props = {
  filters: ReportFilters;
  systems: Option[];
  connectors: (Option & { systemId: string })[];
  services: Option[];
  today: string;
};

export function ReportFiltersForm({ filters, systems, connectors, services, today }: Props) {
  // Thousands of connectors would make the menu unusable: narrow by system first, and cap what is listed.
  const pool = filters.systemId ? connectors.filter((c) => c.systemId === filters.systemId) : connectors;
  const shown = pool.slice(0, CONNECTOR_OPTIONS_MAX);
  if (filters.connectorId && !shown.some((c) => c.value === filters.connectorId)) {
    const chosen = connectors.find((c) => c.value === filters.connectorId);
    if (chosen) shown.unshift(chosen);
  }
  return (
    <form
      method="get"
      action="/sync-reports"
      key={JSON.stringify(filters)}
      aria-label="Report filters"
      className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <div>
        <label htmlFor="f-from" className={label}>
          From (UTC)
        </label>
        <input
          id="f-from"
          type="date"
          name="from"
          defaultValue={filters.from}
          max={today}
          className={input}
          aria-describedby="f-window-help"
        />
      </div>
      <div>
        <label htmlFor="f-to" className={label}>
          To (UTC)
        </label>
        <input
          id="f-to"
          type="date"
          name="to"
          defaultValue={filters.to}
          max={today}
          className={input}
          aria-describedby="f-window-help"
        />
      </div>
      <div>
        <label htmlFor="f-status" className={label}>
          Status
        </label>
        <select id="f-status" name="status" defaultValue={filters.status ?? ""} className={input}>
          <option value="">Any status</option>
          {SYNC_STATUSES.map((s) => (
            <option key={s} value={s}>
              {SYNC_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-system" className={label}>
          System
        </label>
        <select id="f-system" name="system" defaultValue={filters.systemId ?? ""} className={input}>
          <option value="">Any system</option>
          {systems.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-connector" className={label}>
          Connector
        </label>
        <select id="f-connector" name="connector" defaultValue={filters.connectorId ?? ""} className={input}>
          <option value="">Any connector</option>
          {shown.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-service" className={label}>
          Service
        </label>
        <select id="f-service" name="service" defaultValue={filters.serviceId ?? ""} className={input}>
          <option value="">Any service</option>
          {services.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-q" className={label}>
          Sync id
        </label>
        <input
          id="f-q"
          type="search"
          name="q"
          defaultValue={filters.q ?? ""}
          placeholder="Starts with…"
          maxLength={200}
          className={input}
          autoComplete="off"
        />
      </div>
      <div>
        <label htmlFor="f-ref" className={label}>
          Reference
        </label>
        <input
          id="f-ref"
          type="search"
          name="ref"
          defaultValue={filters.ref ? `${filters.ref}${filters.refPrefix ? "*" : ""}` : ""}
          placeholder="SO-1001, or SO-10* for a prefix"
          maxLength={201}
          className={input}
          autoComplete="off"
          aria-describedby="f-ref-help"
        />
        <p id="f-ref-help" className="mt-1 text-xs text-slate-600">
          An order number, SKU or customer id; end with * to match its start.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
        <button
          type="submit"
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-900"
        >
          Apply filters
        </button>
        <Link href="/sync-reports" className="text-sm font-medium text-slate-600 underline-offset-2 hover:underline">
          Reset to the last 5 days
        </Link>
        <p id="f-window-help" className="text-xs text-slate-600">
          Whole days in UTC, up to {MAX_DAYS} days. System and connector match either end of a service.
          {pool.length > shown.length
            ? ` The connector menu lists the first ${CONNECTOR_OPTIONS_MAX}; choose a system to narrow it.`
            : ""}
        </p>
      </div>
    </form>
  );
}
