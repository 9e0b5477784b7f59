import { Link } from "@/components/ui/link";
import { isRefusal } from "@/lib/audit/actions";
import type { TimelineEntry } from "@/lib/connectors/types";
import { STATUS_LABELS } from "@/lib/format/status-labels";
import type { FormatDate } from "./section";
import { type TimelineItem, TimelineList } from "./timeline-list";

/** A settings change up to an hour before a status change is shown as its likely cause. */
const CAUSE_WINDOW_MS = 3_600_000;

/** Each change into a failing status opens an incident; its id is the change's, so the timeline links straight to it. */
export const incidentHref = (connectorId: string, key: string) =>
  `/incidents?connector=${connectorId}#incident-${key.replace(/^status-/, "")}`;

/**
 * The newest `shown` changes; `entries` may hold one more (it tells whether a settings change caused the last one
 * shown, and that older changes exist: then "Show older changes" links to `olderHref`). The server works out each
 * entry's cause and link and formats its time; the list itself is drawn from that compact data (timeline-list.tsx).
 */
export function Timeline({
  entries,
  shown = entries.length,
  when,
  connectorId,
  olderHref,
}: {
  entries: TimelineEntry[];
  shown?: number;
  when: FormatDate;
  /** Links each failing change to its incident. */
  connectorId?: string;
  olderHref?: string;
}) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">No status changes or settings changes yet.</p>;
  const items = entries.slice(0, shown).map((e, i): TimelineItem => {
    const at = when(e.at);
    if (e.kind === "change")
      return {
        key: e.key,
        at,
        kind: "change",
        actor: e.actorName,
        summary: e.summary,
        fields: e.fields.join(", "),
        refused: isRefusal(e.action),
      };
    const before = entries.at(i + 1);
    // A refused save changed nothing, so it cannot be what changed the status.
    const cause =
      before?.kind === "change" && !isRefusal(before.action) && e.at.getTime() - before.at.getTime() <= CAUSE_WINDOW_MS
        ? before.actorName
        : null;
    return {
      key: e.key,
      at,
      kind: "status",
      from: STATUS_LABELS[e.fromStatus],
      to: e.toStatus,
      message: e.message,
      reason: e.reason,
      cause,
      incident:
        connectorId && e.toStatus !== "operational" && e.toStatus !== "unknown"
          ? incidentHref(connectorId, e.key)
          : null,
    };
  });
  return (
    <>
      <TimelineList items={items} />
      {entries.length > shown && olderHref ? (
        <p className="mt-4 text-sm">
          <Link href={olderHref} className="text-brand-700 underline hover:text-brand-900">
            Show older changes
          </Link>
        </p>
      ) : null}
    </>
  );
}
