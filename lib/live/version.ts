import { type Db, getDb } from "@/db";
import { getConnectorVersion, getOrgStatusVersion } from "@/db/queries/live";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/session-user";
import { forbidden, notFound } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The version an open page compares to learn whether it is stale: the organisation's status version for the
 * connector list, or one connector's for its summary. Scoped by the user's organisation: another organisation's
 * connector is not found.
 */
export async function liveVersion(db: Db, user: SessionUser, { connectorId }: { connectorId?: string }) {
  if (!can(user, "connectors.view")) throw forbidden();
  if (connectorId === undefined) return getOrgStatusVersion(db, { orgId: user.orgId });
  const version = UUID.test(connectorId) ? await getConnectorVersion(db, { orgId: user.orgId, connectorId }) : null;
  if (version === null) throw notFound("Connector");
  return version;
}

/** For a page being rendered: the signed-in user's version (the page has already checked the session). */
export async function pageLiveVersion({ connectorId }: { connectorId?: string }): Promise<string> {
  return liveVersion(await getDb(), await requireUser(), { connectorId });
}
