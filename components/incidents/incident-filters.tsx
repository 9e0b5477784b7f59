import { Link } from "@/components/ui/link";
import { STATUS_LABELS } from "@/lib/format/status-labels";
import type { IncidentQuery } from "@/lib/incidents/filters";

type Option = { value: string; label: string };

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
const label = "block text-xs font-medium uppercase tracking-wide text-slate-600";

/**
 * A plain GET form: the filters live in the URL, so the page is server-rendered from them, can be bookmarked, and the
 * CSV link carries the same parameters. Keyed by the filters so the inputs follow the URL after a navigation.
 */
export function IncidentFiltersForm({
  form,
  statuses,
  systems,
  connectorName,
}: {
  form: IncidentQuery["form"];
  statuses: readonly ("unreachable" | "auth_failed")[];
  systems: Option[];
  /** The connector the list is narrowed to (from a summary's timeline), if any. */
  connectorName?: string;
}) {
  return (
    <form
      method="get"
      action="/incidents"
      key={JSON.stringify(form)}
      aria-label="Incident filters"
      className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6"
    >
      <div>
        <label htmlFor="i-status" className={label}>
          Status
        </label>
        <select id="i-status" name="status" defaultValue={form.status} className={input}>
          <option value="">Any status</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="i-system" className={label}>
          System
        </label>
        <select id="i-system" name="system" defaultValue={form.system} className={input}>
          <option value="">Any system</option>
          {systems.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="i-environment" className={label}>
          Environment
        </label>
        <select id="i-environment" name="environment" defaultValue={form.environment} className={input}>
          <option value="">Live and testing</option>
          <option value="live">Live</option>
          <option value="test">Testing</option>
        </select>
      </div>
      <div>
        <label htmlFor="i-from" className={label}>
          From (UTC day)
        </label>
        <input id="i-from" type="date" name="from" defaultValue={form.from} className={input} />
      </div>
      <div>
        <label htmlFor="i-to" className={label}>
          To (UTC day)
        </label>
        <input id="i-to" type="date" name="to" defaultValue={form.to} className={input} />
      </div>
      <div className="flex items-end gap-2">
        {form.connector ? <input type="hidden" name="connector" value={form.connector} /> : null}
        <button
          type="submit"
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-900"
        >
          Apply filters
        </button>
        <Link href="/incidents" className="px-2 py-2 text-sm text-brand-700 underline">
          Reset
        </Link>
      </div>
      {form.connector ? (
        <p className="text-sm text-slate-700 sm:col-span-2 lg:col-span-6">
          Showing incidents of <span className="font-medium">{connectorName ?? "one connector"}</span> only.{" "}
          <Link
            href={`/incidents?${new URLSearchParams(Object.entries({ ...form, connector: "" }).filter(([, v]) => v))}`}
            className="text-brand-700 underline"
          >
            Show every connector
          </Link>
        </p>
      ) : null}
    </form>
  );
}
