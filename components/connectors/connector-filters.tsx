"use client";

import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useEffect, useOptimistic, useState, useTransition } from "react";
import { cleanSearch, connectorListHref, type ConnectorListQuery } from "@/lib/connectors/list-query";
import { CONNECTOR_STATUSES, type Environment } from "@/lib/connectors/types";
import { STATUS_LABELS } from "@/lib/format/status-labels";

/** Typing waits this long after the last key before the list follows. */
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * The list's tabs and filters. Everything lives in the URL (the page stays server-rendered, shareable, the back button
 * works); filters apply as you type (debounced) or choose, with router.replace, so the search field keeps its focus.
 * The tabs carry the filters, and count what each would show with them.
 */
export function ConnectorFilters({
  query,
  counts,
  shown,
  total,
}: {
  query: ConnectorListQuery;
  /** Connectors each tab shows with the current filters. */
  counts: Record<Environment, number>;
  /** Connectors this tab shows with the filters, and without any. */
  shown: number;
  total: number;
}) {
  const router = useRouter();
  const [text, setText] = useState(query.q ?? "");
  const [pending, startTransition] = useTransition();
  const [choice, setChoice] = useOptimistic({ status: query.status ?? "", sort: query.sort });
  const go = (next: Partial<ConnectorListQuery>) =>
    startTransition(() => {
      setChoice({ status: next.status ?? "", sort: next.sort ?? choice.sort });
      router.replace(connectorListHref({ ...query, ...next, page: undefined }), { scroll: false });
    });

  // The search follows the typing, SEARCH_DEBOUNCE_MS after the last key.
  useEffect(() => {
    const q = cleanSearch(text);
    if (q === query.q) return;
    const timer = setTimeout(() => {
      startTransition(() => router.replace(connectorListHref({ ...query, q, page: undefined }), { scroll: false }));
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, query, router]);

  // Back and forward change the URL under the field: show the search they lead to.
  useEffect(() => {
    const onPop = () => setText(new URL(window.location.href).searchParams.get("q") ?? "");
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const tabs: { id: Environment; label: string }[] = [
    { id: "live", label: "Live" },
    { id: "test", label: "Testing" },
  ];
  const filtered = Boolean(query.status || query.q);
  return (
    <div className="mb-6 space-y-4">
      <nav aria-label="Environment" className="flex gap-1 border-b border-slate-200">
        {tabs.map((t) => (
          <Link
            key={t.id}
            href={connectorListHref({ ...query, tab: t.id, page: undefined })}
            aria-current={query.tab === t.id ? "page" : undefined}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${query.tab === t.id ? "border-brand-700 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t.label}{" "}
            <span
              className="ml-1 rounded-full bg-slate-100 px-2 text-xs text-slate-600"
              data-testid={`tab-count-${t.id}`}
            >
              {counts[t.id]}
            </span>
            {filtered ? <span className="sr-only"> matching the filters</span> : null}
          </Link>
        ))}
      </nav>
      <form
        className="flex flex-wrap items-end gap-3"
        role="search"
        aria-label="Filter connectors"
        onSubmit={(e) => {
          e.preventDefault(); // Enter applies at once, without waiting for the pause
          go({ q: cleanSearch(text), status: CONNECTOR_STATUSES.find((s) => s === choice.status), sort: choice.sort });
        }}
      >
        <input type="hidden" name="tab" value={query.tab} />
        <div>
          <label htmlFor="q" className="block text-sm font-medium text-slate-700">
            Search by name
          </label>
          <input
            id="q"
            name="q"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
            className="mt-1 w-64 max-w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-medium text-slate-700">
            Status
          </label>
          <select
            id="status"
            name="status"
            value={choice.status}
            onChange={(e) => go({ status: CONNECTOR_STATUSES.find((s) => s === e.target.value), sort: choice.sort })}
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
        <div>
          <label htmlFor="sort" className="block text-sm font-medium text-slate-700">
            Order
          </label>
          <select
            id="sort"
            name="sort"
            value={choice.sort}
            onChange={(e) => go({ sort: e.target.value === "name" ? "name" : "problems", status: query.status })}
            className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="problems">Problems first</option>
            <option value="name">Name</option>
          </select>
        </div>
        {filtered || text ? (
          <button
            type="button"
            onClick={() => {
              setText("");
              go({ q: undefined, status: undefined, sort: choice.sort });
            }}
            className="py-2 text-sm font-medium text-brand-700 underline hover:text-brand-900"
          >
            Clear filters
          </button>
        ) : null}
      </form>
      <p role="status" className="text-sm text-slate-600" data-testid="list-count" aria-busy={pending}>
        {filtered
          ? `Showing ${shown.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} ${query.tab === "live" ? "live" : "testing"} connectors`
          : `${total.toLocaleString("en-GB")} ${query.tab === "live" ? "live" : "testing"} ${total === 1 ? "connector" : "connectors"}`}
      </p>
    </div>
  );
}
