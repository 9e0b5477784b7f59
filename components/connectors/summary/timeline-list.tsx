"use client";

import { Link } from "@/components/ui/link";
import { StatusBadge } from "@/components/connectors/status-badge";
import type { ConnectorStatus } from "@/lib/connectors/types";

/** One timeline entry as the server prepares it: time formatted, likely cause and incident link worked out. */
export type TimelineItem =
  | {
      key: string;
      at: string;
      kind: "status";
      from: string;
      to: ConnectorStatus;
      message: string;
      reason: string;
      /** Who made the settings change just before, when it is the likely cause. */
      cause: string | null;
      incident: string | null;
    }
  | { key: string; at: string; kind: "change"; actor: string; summary: string; fields: string; refused: boolean };

/**
 * Status and settings changes, newest first. A client component only so the page sends the entries once as compact
 * data (the React payload of server-rendered entries repeats every element and class); it has no state of its own.
 */
export function TimelineList({ items }: { items: TimelineItem[] }) {
  return (
    <ol
      className="timeline relative space-y-4 border-l border-slate-200 pl-5 text-sm"
      aria-label="Status and settings changes, newest first"
    >
      {items.map((e) => (
        // The dot on the line comes from the stylesheet (.timeline in app/globals.css), by kind.
        <li key={e.key} data-kind={e.kind === "change" && e.refused ? "refused" : e.kind}>
          <p className="text-xs text-slate-600">{e.at}</p>
          {e.kind === "status" ? (
            <div>
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium">Status changed</span>
                <span className="text-slate-600">from {e.from} to</span>
                <StatusBadge status={e.to} />
              </p>
              <p className="text-slate-700">
                {e.message} <span className="font-mono text-xs text-slate-600">({e.reason})</span>
              </p>
              {e.cause ? <p className="text-xs text-slate-600">After {e.cause}&rsquo;s change below.</p> : null}
              {e.incident ? (
                <Link href={e.incident} className="text-xs text-brand-700 underline">
                  View incident
                </Link>
              ) : null}
            </div>
          ) : (
            <p>
              <span className="font-medium">{e.actor}</span> <span className="text-slate-700">{e.summary}</span>
              {e.fields ? <span className="text-slate-600"> (fields: {e.fields})</span> : null}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
