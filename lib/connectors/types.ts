/**
 * The connector data components show, as the database layer declares it: components import these from here, never
 * from db/ (type exports are erased, so nothing of the database layer reaches the browser but the constants).
 */
export { CONNECTOR_STATUSES, type ConnectorStatus, type Environment } from "@/db/schema/connectors";
export type { ConnectorSort, ConnectorSummary } from "@/db/queries/connectors";
export type { Direction, FailedSyncsPage, SyncRunDetails } from "@/db/queries/connector-summary";
export type { SyncTotals } from "@/db/queries/sync-totals";
export type { LatencyPoint, TimelineEntry } from "@/db/queries/connector-history";
