import type { Tx, DbOrTx } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { listConnectorsByIds } from "@/db/queries/connectors";
import { getService } from "@/db/queries/services";
import type { SessionUser } from "@/lib/auth/session-user";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/errors";

export type ServiceEnd = { id: string; name: string; systemId: string; environment: "live" | "test" };

/** A service of the organisation, or NOT_FOUND (another organisation's service does not exist for this one). */
export async function loadService(db: DbOrTx, { orgId, id }: { orgId: string; id: string }) {
  const row = await getService(db, { orgId, id });
  if (!row) throw notFound("That service");
  return row;
}

/**
 * The two ends of a service, checked against the product's rules: both belong to the organisation (else "not found",
 * so ids of other organisations reveal nothing), they differ, and they share an environment (test data must never
 * flow into a live system, nor the reverse).
 */
export async function resolveEnds(
  db: DbOrTx,
  orgId: string,
  input: { sourceConnectorId: string; destinationConnectorId: string },
) {
  const { sourceConnectorId: s, destinationConnectorId: d } = input;
  if (s === d)
    throw new AppError("INVALID", "A service moves data between two different connectors.", {
      destinationConnectorId: ["Choose a destination other than the source."],
    });
  const rows = await listConnectorsByIds(db, { orgId, ids: [s, d] });
  const source = rows.find((r) => r.id === s);
  const destination = rows.find((r) => r.id === d);
  if (!source)
    throw new AppError("NOT_FOUND", "That source connector was not found.", {
      sourceConnectorId: ["Choose a source connector from the list."],
    });
  if (!destination)
    throw new AppError("NOT_FOUND", "That destination connector was not found.", {
      destinationConnectorId: ["Choose a destination connector from the list."],
    });
  if (source.environment !== destination.environment) {
    const msg = `"${source.name}" is a ${source.environment} connector and "${destination.name}" is a ${destination.environment} connector: both ends of a service must be in the same environment.`;
    throw new AppError("INVALID", msg, {
      destinationConnectorId: [`Choose a ${source.environment} connector, like the source "${source.name}".`],
    });
  }
  return { source, destination };
}

/** Names of the connectors a service uses now, for audit entries on their timelines. */
export async function connectorNames(
  db: DbOrTx,
  orgId: string,
  service: { sourceConnectorId: string; destinationConnectorId: string },
) {
  const rows = await listConnectorsByIds(db, {
    orgId,
    ids: [service.sourceConnectorId, service.destinationConnectorId],
  });
  return rows.map(({ id, name }) => ({ id, name }));
}

export const serviceNameConflict = () =>
  new AppError("CONFLICT", "That name is taken.", { name: ["Another service already has this name."] });

/** A concurrent save with the same name passes our look-up but not the unique index: same message either way. */
export function rethrowNameConflict(error: unknown): never {
  if (isUniqueViolation(error, "services_org_name_uq")) throw serviceNameConflict();
  throw error;
}

/** One audit entry per connector involved, so each connector's timeline shows the services that came and went. */
export async function auditServiceChange(
  tx: Tx,
  actor: SessionUser,
  {
    action,
    summary,
    ends,
    fields,
  }: { action: AuditAction; summary: string; ends: { id: string; name: string }[]; fields?: string[] },
) {
  const seen = new Set<string>();
  for (const end of ends) {
    if (seen.has(end.id)) continue;
    seen.add(end.id);
    await recordAudit(tx, actor, { action, summary, connectorId: end.id, connectorName: end.name, fields });
  }
}
