import type { DbOrTx } from "@/db";
import { type ConnectorStatus, healthChecks, statusEvents } from "@/db/schema";

/** The demo organisation's past checks and status changes (lib/seed), written as the sweep would have. */
export async function insertDemoHistory(
  db: DbOrTx,
  {
    orgId,
    connectorId,
    checks,
    events,
  }: {
    orgId: string;
    connectorId: string;
    checks: {
      checkedAt: Date;
      status: ConnectorStatus;
      reason: string;
      latencyMs: number;
      httpStatus: number | null;
    }[];
    events: { at: Date; fromStatus: ConnectorStatus; toStatus: ConnectorStatus; reason: string; message: string }[];
  },
) {
  if (checks.length) await db.insert(healthChecks).values(checks.map((c) => ({ ...c, orgId, connectorId })));
  if (events.length) await db.insert(statusEvents).values(events.map((e) => ({ ...e, orgId, connectorId })));
}
