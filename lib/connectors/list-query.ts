import { CONNECTOR_STATUSES, type ConnectorSort, type ConnectorStatus, type Environment } from "./types";
import { firstParam, isCleanText } from "@/lib/validation/text";

/**
 * The connector list's state, all in the URL (shareable, the back button works, the page stays server-rendered):
 * the tab, a status, a name search, the order and the page. One parser and one link builder, used by the page,
 * its filters (in the browser) and its tabs, so a filter survives switching tabs.
 */
export type ConnectorListQuery = {
  tab: Environment;
  status?: ConnectorStatus;
  q?: string;
  sort: ConnectorSort;
  page?: number;
};

type Params = Record<string, string | string[] | undefined>;

/** The longest search kept, in characters (code points, so never half an emoji). */
const SEARCH_MAX = 100;

/** A search is tidied as names are; one with control characters cannot match a name, so it is dropped. */
export function cleanSearch(raw: string | undefined): string | undefined {
  const typed = raw?.normalize("NFC").trim();
  return typed && isCleanText(typed) ? Array.from(typed).slice(0, SEARCH_MAX).join("") : undefined;
}

export function parseConnectorListQuery(sp: Params): ConnectorListQuery {
  const status = firstParam(sp.status);
  const page = Number(firstParam(sp.page));
  return {
    tab: firstParam(sp.tab) === "test" ? "test" : "live",
    status: CONNECTOR_STATUSES.find((s) => s === status),
    q: cleanSearch(firstParam(sp.q)),
    sort: firstParam(sp.sort) === "name" ? "name" : "problems",
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
}

/** The list's address for a query; defaults (problems first, page 1) are left out. */
export function connectorListHref(query: ConnectorListQuery): string {
  const params = new URLSearchParams({ tab: query.tab });
  if (query.status) params.set("status", query.status);
  if (query.q) params.set("q", query.q);
  if (query.sort !== "problems") params.set("sort", query.sort);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return `/connectors?${params}`;
}
