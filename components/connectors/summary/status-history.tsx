import Link from "next/link";
import { StatusBadge } from "@/components/connectors/status-badge";
import { isRefusal } from "@/lib/audit/actions";
import type { TimelineEntry } from "@/lib/connectors/types";
import { STATUS_LABELS } from "@/lib/format/status-labels";
import type { FormatDate } from "./section";

const pct = (v: number) => `${v.toFixed(v === 100 || v === 0 ? 0 : 2)}%`;
const LABELS = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" } as const;

/** Uptime = share of (non-throttled) checks that found the connector operational. */
export function UptimeStats({ uptime }: { uptime: Record<keyof typeof LABELS, number | null> }) {
  return (
    <dl className="grid grid-cols-3 gap-4" aria-label="Uptime">
      {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((w) => {
        const v = uptime[w];
        return (
          <div key={w} className="rounded-md border border-slate-200 p-3">
            <dt className="text-xs text-slate-600">Uptime, {LABELS[w].toLowerCase()}</dt>
            <dd
              className={`mt-1 text-2xl font-semibold ${v == null ? "text-slate-500" : v >= 99 ? "text-emerald-700" : v >= 90 ? "text-amber-700" : "text-red-700"}`}
            >
              {v == null ? <span className="text-base font-normal">No checks</span> : pct(v)}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** A settings change up to an hour before a status change is shown as its likely cause. */
const CAUSE_WINDOW_MS = 3_600_000;

/** Each change into a failing status opens an incident; its id is the change's, so the timeline links straight to it. */
export const incidentHref = (connectorId: string, key: string) =>
  `/incidents?connector=${connectorId}#incident-${key.replace(/^status-/, "")}`;

export function Timeline({
  entries,
  when,
  connectorId,
}: {
  entries: TimelineEntry[];
  when: FormatDate;
  /** Links each failing change to its incident. */
  connectorId?: string;
}) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">No status changes or settings changes yet.</p>;
  return (
    <ol
      className="relative space-y-4 border-l border-slate-200 pl-5 text-sm"
      aria-label="Status and settings changes, newest first"
    >
      {entries.map((e, i) => {
        const before = entries.at(i + 1);
        // A refused save changed nothing, so it cannot be what changed the status.
        const cause =
          e.kind === "status" &&
          before?.kind === "change" &&
          !isRefusal(before.action) &&
          e.at.getTime() - before.at.getTime() <= CAUSE_WINDOW_MS
            ? before
            : undefined;
        return (
          <li key={e.key} className="relative">
            <span
              aria-hidden
              className={`absolute -left-[25px] top-1.5 h-2.5 w-2.5 rounded-full ring-2 ring-white ${e.kind === "status" ? "bg-slate-700" : isRefusal(e.action) ? "bg-amber-500" : "bg-brand-600"}`}
            />
            <p className="text-xs text-slate-600">{when(e.at)}</p>
            {e.kind === "status" ? (
              <div>
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">Status changed</span>
                  <span className="text-slate-600">from {STATUS_LABELS[e.fromStatus]} to</span>
                  <StatusBadge status={e.toStatus} />
                </p>
                <p className="text-slate-700">
                  {e.message} <span className="font-mono text-xs text-slate-600">({e.reason})</span>
                </p>
                {cause ? <p className="text-xs text-slate-600">After {cause.actorName}&rsquo;s change below.</p> : null}
                {connectorId && e.toStatus !== "operational" && e.toStatus !== "unknown" ? (
                  <Link href={incidentHref(connectorId, e.key)} className="text-xs text-brand-700 underline">
                    View incident
                  </Link>
                ) : null}
              </div>
            ) : (
              <p>
                <span className="font-medium">{e.actorName}</span> <span className="text-slate-700">{e.summary}</span>
                {e.fields.length ? <span className="text-slate-600"> (fields: {e.fields.join(", ")})</span> : null}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
