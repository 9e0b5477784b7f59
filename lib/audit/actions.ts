/** The audit trail's action names: plain data, so pages can tell entries apart without importing the database layer. */
export type AuditAction =
  | "connector.created"
  | "connector.updated"
  | "connector.credentials_changed"
  | "connector.credentials_refused"
  | "connector.deleted"
  | "connector.private_network"
  | "connector.paused"
  | "connector.resumed"
  | "connector.maintenance_scheduled"
  | "connector.maintenance_cancelled"
  | "connector.check_interval"
  | "sandbox.mode_changed"
  | "service.created"
  | "service.updated"
  | "service.activated"
  | "service.deactivated"
  | "service.deleted"
  | "sync.resync_requested";

/** A save that was refused: it changed nothing, so it is never shown as the cause of a status change. */
export const isRefusal = (action: string) => action === "connector.credentials_refused";
