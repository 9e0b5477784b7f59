import Link from "next/link";
import { CONNECTOR_STATUSES, type Environment } from "@/lib/connectors/types";
import { STATUS_LABELS } from "@/lib/format/status-labels";

/** Tabs and filters live in the URL (shareable, back button works); a plain GET form, no client state. */
export function ConnectorFilters({
  tab,
  status,
  q,
  counts,
}: {
  tab: Environment;
  status?: string;
  q?: string;
  counts: Record<Environment, number>;
}) {
  const tabs: { id: Environment; label: string }[] = [
    { id: "live", label: "Live" },
    { id: "test", label: "Testing" },
  ];
  return (
    <div className="mb-6 space-y-4">
      <nav aria-label="Environment" className="flex gap-1 border-b border-slate-200">
        {tabs.map((t) => (
          <Link
            key={t.id}
            href={`/connectors?tab=${t.id}`}
            aria-current={tab === t.id ? "page" : undefined}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${tab === t.id ? "border-brand-700 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t.label} <span className="ml-1 rounded-full bg-slate-100 px-2 text-xs text-slate-600">{counts[t.id]}</span>
          </Link>
        ))}
      </nav>
      <form className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter connectors">
        <input type="hidden" name="tab" value={tab} />
        <div>
          <label htmlFor="q" className="block text-sm font-medium text-slate-700">
            Search by name
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            className="mt-1 w-64 rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-medium text-slate-700">
            Status
          </label>
          <select
            id="status"
            name="status"
            defaultValue={status ?? ""}
            className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">Any status</option>
            {CONNECTOR_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
        >
          Apply
        </button>
        {status || q ? (
          <Link href={`/connectors?tab=${tab}`} className="py-2 text-sm text-brand-700 hover:underline">
            Clear filters
          </Link>
        ) : null}
      </form>
    </div>
  );
}
