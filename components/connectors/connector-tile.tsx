import Link from "next/link";
import type { ConnectorStatus } from "@/lib/connectors/types";
import { timeAgo } from "@/lib/format/date";
import { MaintenanceBadge, type MaintenanceView } from "./maintenance-badge";
import { StatusBadge } from "./status-badge";
import { SystemMark } from "./system-mark";

const COG_ID = "connector-tile-cog";

/**
 * The settings cog, drawn once per page and referenced by every tile: inline in each of 60 tiles, its path was a
 * third of the list page's HTML and React payload.
 */
export function TileIcons() {
  return (
    <svg aria-hidden className="absolute h-0 w-0 overflow-hidden">
      <symbol id={COG_ID} viewBox="0 0 20 20">
        <path
          fillRule="evenodd"
          d="M11.49 3.17a1.5 1.5 0 0 0-2.98 0l-.1.6a1.5 1.5 0 0 1-2.1 1.13l-.55-.26a1.5 1.5 0 0 0-1.98 2.1l.3.53a1.5 1.5 0 0 1-.64 2.1l-.57.27a1.5 1.5 0 0 0 .4 2.83l.6.1a1.5 1.5 0 0 1 1.14 2.1l-.26.55a1.5 1.5 0 0 0 2.1 1.98l.53-.3a1.5 1.5 0 0 1 2.1.64l.27.57a1.5 1.5 0 0 0 2.83-.4l.1-.6a1.5 1.5 0 0 1 2.1-1.14l.55.26a1.5 1.5 0 0 0 1.98-2.1l-.3-.53a1.5 1.5 0 0 1 .64-2.1l.57-.27a1.5 1.5 0 0 0-.4-2.83l-.6-.1a1.5 1.5 0 0 1-1.14-2.1l.26-.55a1.5 1.5 0 0 0-2.1-1.98l-.53.3a1.5 1.5 0 0 1-2.1-.64l-.27-.57ZM10 13a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z"
          clipRule="evenodd"
        />
      </symbol>
    </svg>
  );
}

export type TileData = {
  id: string;
  name: string;
  systemId: string;
  systemName: string;
  status: ConnectorStatus;
  lastCheckedAt: Date | null;
  companyGroupName: string;
  /** A pause or maintenance window in force. */
  maintenance?: MaintenanceView;
};

/** A tile opens the connector; its cog opens the settings (for roles that may see them). */
export function ConnectorTile({
  c,
  showCog,
  showGroup,
  now,
  selectForm,
}: {
  c: TileData;
  showCog: boolean;
  showGroup: boolean;
  now: Date;
  /** The bulk-actions form this tile's checkbox belongs to (roles that may act on several connectors). */
  selectForm?: string;
}) {
  return (
    <li
      className="relative flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600"
      data-testid={`tile-${c.name}`}
    >
      <div className="flex items-start gap-3">
        {selectForm ? (
          <input
            type="checkbox"
            name="ids"
            value={c.id}
            form={selectForm}
            aria-label={`Select ${c.name}`}
            className="relative z-10 mt-1 h-4 w-4 rounded border-slate-300"
          />
        ) : null}
        <SystemMark systemId={c.systemId} name={c.systemName} />
        <div className="min-w-0 flex-1">
          <p className="truncate text-xs text-slate-600">{c.systemName}</p>
          <Link
            href={`/connectors/${c.id}`}
            className="block truncate font-semibold after:absolute after:inset-0 hover:underline"
          >
            {c.name}
          </Link>
          {showGroup ? <p className="truncate text-xs text-slate-600">{c.companyGroupName}</p> : null}
        </div>
        {showCog ? (
          <Link
            href={`/connectors/${c.id}/settings`}
            aria-label={`Settings of ${c.name}`}
            className="relative z-10 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700"
          >
            <svg aria-hidden className="h-5 w-5" fill="currentColor">
              <use href={`#${COG_ID}`} />
            </svg>
          </Link>
        ) : null}
      </div>
      <div className="flex items-center justify-between gap-2">
        <StatusBadge status={c.status} />
        <span className="text-xs text-slate-600">
          {c.lastCheckedAt ? `checked ${timeAgo(c.lastCheckedAt, now)}` : "never checked"}
        </span>
      </div>
      {c.maintenance ? <MaintenanceBadge m={c.maintenance} compact /> : null}
    </li>
  );
}
