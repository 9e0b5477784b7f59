"use client";

import { Link } from "@/components/ui/link";
import type { ConnectorStatus } from "@/lib/connectors/types";
import { MaintenanceBadge, type MaintenanceView } from "./maintenance-badge";
import { StatusBadge } from "./status-badge";
import { SystemMark } from "./system-mark";

// A client component for its weight, not for interactivity: a server component's markup travels twice, once as HTML
// and once more in the page's React payload, where a client component's travels once and the payload carries only
// the compact data below. Its parts take their classes from the "Connector tiles" block of app/globals.css, which
// 60 tiles a page would otherwise repeat utility by utility (together: ~3.9 KB a tile became ~1.4 KB).

const COG_ID = "connector-tile-cog";

/**
 * The settings cog, drawn once per page and referenced by every tile: inline in each of 60 tiles, its path was a
 * third of the list page's HTML and React payload.
 */
export function TileIcons() {
  return (
    <svg aria-hidden className="absolute size-0 overflow-hidden">
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

/** What a tile shows, and nothing more: every field is sent to the browser once per tile. */
export type TileData = {
  id: string;
  name: string;
  systemId: string;
  systemName: string;
  status: ConnectorStatus;
  /** How long ago the last check ran ("7 minutes ago"), worded on the server; null when never checked. */
  checkedAgo: string | null;
  /** The company group, when the list spans several. */
  group?: string;
  /** A pause or maintenance window in force. */
  maintenance?: MaintenanceView;
};

/**
 * The list's tiles (the `<li>`s of its grid). A tile opens the connector; its cog opens the settings (for roles that
 * may see them).
 */
export function ConnectorTiles({
  tiles,
  showCog,
  selectForm,
}: {
  tiles: TileData[];
  showCog: boolean;
  /** The bulk-actions form the tiles' checkboxes belong to (roles that may act on several connectors). */
  selectForm?: string;
}) {
  return tiles.map((c) => <ConnectorTile key={c.id} c={c} showCog={showCog} selectForm={selectForm} />);
}

function ConnectorTile({ c, showCog, selectForm }: { c: TileData; showCog: boolean; selectForm?: string }) {
  return (
    <li className="tile" data-testid={`tile-${c.name}`}>
      <div className="tile-head">
        {selectForm ? (
          <input
            type="checkbox"
            name="ids"
            value={c.id}
            form={selectForm}
            aria-label={`Select ${c.name}`}
            className="tile-select"
          />
        ) : null}
        <SystemMark systemId={c.systemId} name={c.systemName} />
        <div className="tile-text">
          <p className="tile-note truncate">{c.systemName}</p>
          <Link href={`/connectors/${c.id}`} className="tile-name">
            {c.name}
          </Link>
          {c.group ? <p className="tile-note truncate">{c.group}</p> : null}
        </div>
        {showCog ? (
          <Link href={`/connectors/${c.id}/settings`} aria-label={`Settings of ${c.name}`} className="tile-cog">
            <svg aria-hidden className="size-5" fill="currentColor">
              <use href={`#${COG_ID}`} />
            </svg>
          </Link>
        ) : null}
      </div>
      <div className="tile-foot">
        <StatusBadge status={c.status} />
        <span className="tile-note">{c.checkedAgo ? `checked ${c.checkedAgo}` : "never checked"}</span>
      </div>
      {c.maintenance ? <MaintenanceBadge m={c.maintenance} compact /> : null}
    </li>
  );
}
