import type { z } from "zod";
import type { Db } from "@/db";
import {
  deleteUpcomingWindow,
  endActivePauses,
  findConnectorForMaintenance,
  insertWindow,
  listCurrentWindows,
} from "@/db/queries/maintenance";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { formatDateTime } from "@/lib/format/date";
import { parseLocalDateTime } from "./local-time";
import type { cancelMaintenanceSchema, maintenanceSchema, pauseSchema, resumeSchema } from "./schemas";

/** How far ahead a window may end or start, and how long one may last. */
const YEAR_MS = 366 * 86_400_000;
const MAX_WINDOW_MS = 31 * 86_400_000;
/** A start typed as "now" is a little in the past by the time it arrives. */
const START_GRACE_MS = 5 * 60_000;

type Target = NonNullable<Awaited<ReturnType<typeof findConnectorForMaintenance>>>;

/** The actor may pause and schedule maintenance, and the connector is their organisation's. */
async function targetOf(db: Db, actor: SessionUser, connectorId: string): Promise<Target> {
  if (!can(actor, "connectors.manage")) throw forbidden();
  const target = await findConnectorForMaintenance(db, { orgId: actor.orgId, connectorId });
  if (!target) throw notFound("That connector");
  return target;
}

const invalid = (field: string, message: string) => new AppError("INVALID", message, { [field]: [message] });

function readTime(field: string, label: string, value: string, target: Target): Date {
  const at = parseLocalDateTime(value, target.timeZone);
  if (!at) throw invalid(field, `${label} is not a date and time (${target.timeZone}).`);
  return at;
}

const when = (d: Date, t: Target) => formatDateTime(d, t.timeZone, t.dateFormat);

/** Stops the connector's checks now, until `until` (in the connector's zone) or until resumed. Audited. */
export async function pauseConnector(
  db: Db,
  actor: SessionUser,
  input: z.output<typeof pauseSchema>,
  now = new Date(),
) {
  const target = await targetOf(db, actor, input.connectorId);
  const until = input.until ? readTime("until", "Until", input.until, target) : null;
  if (until && until.getTime() <= now.getTime()) throw invalid("until", "Until must be in the future.");
  if (until && until.getTime() - now.getTime() > YEAR_MS) throw invalid("until", "Until must be within a year.");
  const scope = { orgId: actor.orgId, connectorId: target.id };
  return db.transaction(async (tx) => {
    if ((await listCurrentWindows(tx, scope)).some((w) => w.kind === "pause" && w.startsAt <= now))
      throw new AppError("CONFLICT", "This connector is already paused. Resume it first to pause it again.");
    const window = await insertWindow(tx, {
      ...scope,
      kind: "pause",
      startsAt: "now",
      endsAt: until,
      reason: input.reason,
      createdById: actor.id,
      createdByName: actor.name,
    });
    await recordAudit(tx, actor, {
      action: "connector.paused",
      summary: `paused checks${until ? ` until ${when(until, target)}` : ""}: ${input.reason}`,
      connectorId: target.id,
      connectorName: target.name,
    });
    return window;
  });
}

/** Ends the connector's pause now; checks resume at the next sweep. False when it was not paused. Audited. */
export async function resumeConnector(db: Db, actor: SessionUser, input: z.output<typeof resumeSchema>) {
  const target = await targetOf(db, actor, input.connectorId);
  return db.transaction(async (tx) => {
    const ended = await endActivePauses(tx, { orgId: actor.orgId, connectorId: target.id });
    if (ended.length === 0) return false;
    await recordAudit(tx, actor, {
      action: "connector.resumed",
      summary: "resumed checks",
      connectorId: target.id,
      connectorName: target.name,
    });
    return true;
  });
}

/** A one-off maintenance window planned ahead (times in the connector's zone). Audited. */
export async function scheduleMaintenance(
  db: Db,
  actor: SessionUser,
  input: z.output<typeof maintenanceSchema>,
  now = new Date(),
) {
  const target = await targetOf(db, actor, input.connectorId);
  const startsAt = readTime("startsAt", "Start", input.startsAt, target);
  const endsAt = readTime("endsAt", "End", input.endsAt, target);
  if (startsAt.getTime() < now.getTime() - START_GRACE_MS)
    throw invalid("startsAt", "Start must be in the future (to stop checks now, pause the connector).");
  if (startsAt.getTime() - now.getTime() > YEAR_MS) throw invalid("startsAt", "Start must be within a year.");
  if (endsAt <= startsAt) throw invalid("endsAt", "End must be after the start.");
  if (endsAt.getTime() - startsAt.getTime() > MAX_WINDOW_MS)
    throw invalid("endsAt", "A maintenance window lasts at most 31 days.");
  return db.transaction(async (tx) => {
    const window = await insertWindow(tx, {
      orgId: actor.orgId,
      connectorId: target.id,
      kind: "maintenance",
      startsAt,
      endsAt,
      reason: input.reason,
      createdById: actor.id,
      createdByName: actor.name,
    });
    await recordAudit(tx, actor, {
      action: "connector.maintenance_scheduled",
      summary: `scheduled maintenance ${when(startsAt, target)} – ${when(endsAt, target)}: ${input.reason}`,
      connectorId: target.id,
      connectorName: target.name,
    });
    return window;
  });
}

/** Removes a maintenance window that has not started yet. Audited. */
export async function cancelMaintenance(db: Db, actor: SessionUser, input: z.output<typeof cancelMaintenanceSchema>) {
  const target = await targetOf(db, actor, input.connectorId);
  await db.transaction(async (tx) => {
    const removed = await deleteUpcomingWindow(tx, {
      orgId: actor.orgId,
      connectorId: target.id,
      id: input.windowId,
    });
    if (!removed) throw notFound("That upcoming maintenance window");
    await recordAudit(tx, actor, {
      action: "connector.maintenance_cancelled",
      summary: `cancelled the maintenance of ${when(removed.startsAt, target)}: ${removed.reason}`,
      connectorId: target.id,
      connectorName: target.name,
    });
  });
}
