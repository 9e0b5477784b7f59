import { Link } from "@/components/ui/link";
import { connectorListHref, type ConnectorListQuery } from "@/lib/connectors/list-query";
import type { ConnectorStatus } from "@/lib/connectors/types";

/** How the overview words each status ("2 unreachable, 1 failing authentication, 8 operational"). */
const WORDS: Record<ConnectorStatus, string> = {
  unreachable: "unreachable",
  auth_failed: "failing authentication",
  unknown: "not checked yet",
  operational: "operational",
};

/**
 * The tab's status overview, problems first. Each part is a link that filters the list on its status (pressed while
 * it does; pressing it again shows every status); the search stays applied.
 */
export function StatusOverview({
  counts,
  order,
  query,
}: {
  counts: Record<ConnectorStatus, number>;
  order: readonly ConnectorStatus[];
  query: ConnectorListQuery;
}) {
  const parts = order.filter((s) => counts[s] > 0 || query.status === s);
  if (parts.length === 0) return null;
  return (
    <nav aria-label="Status overview" className="mb-4 flex flex-wrap items-center gap-2 text-sm">
      {parts.map((s, i) => {
        const active = query.status === s;
        return (
          <Link
            key={s}
            href={connectorListHref({ ...query, status: active ? undefined : s, page: undefined })}
            aria-current={active ? "true" : undefined}
            data-testid={`overview-${s}`}
            className={`rounded-full border px-3 py-1 font-medium underline-offset-2 hover:underline ${active ? "border-brand-700 bg-brand-50 text-brand-900" : "border-slate-300 bg-white text-slate-700"}`}
          >
            {counts[s].toLocaleString("en-GB")} {WORDS[s]}
            {i < parts.length - 1 ? <span className="sr-only">,</span> : null}
          </Link>
        );
      })}
    </nav>
  );
}
