/** Sync report data, as the database layer declares it, for components (which never import db/). */
export { SYNC_STATUSES, type SyncStatus } from "@/db/schema/services";
export type { SyncReportRow } from "@/db/queries/sync-report";
export { summariseError } from "@/db/queries/connector-summary";
