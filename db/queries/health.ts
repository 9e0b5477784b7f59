import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { connectors } from "@/db/schema";
import type { Connector, ConnectorStatus } from "@/db/schema/connectors";

/**
 * SQL of the health sweep. The sweep works across organisations by design (it is the platform's job, not a
 * user's request); every write still carries the row's org_id in its WHERE so a mixed-up id cannot cross tenants.
 */
type Conn = Db | Tx;
const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const ms = (n: number) => sql`${`${Math.round(n)} milliseconds`}::interval`;

/** What a check needs, plus the flap state and a credentials fingerprint as they were when read. */
export const claimedColumns = {
  id: connectors.id,
  orgId: connectors.orgId,
  systemId: connectors.systemId,
  authType: connectors.authType,
  credentials: connectors.credentials,
  allowPrivateNetwork: connectors.allowPrivateNetwork,
  status: connectors.status,
  pendingStatus: connectors.pendingStatus,
  pendingCount: connectors.pendingCount,
  consecutiveFailures: connectors.consecutiveFailures,
};
export type ClaimedConnector = Pick<Connector, keyof typeof claimedColumns>;

/**
 * Leases up to `limit` due connectors to `owner` in one statement (its own short transaction). SKIP LOCKED lets
 * concurrent sweeps take disjoint rows; a row whose lease expired (a crashed run) is due again.
 */
export function claimDueConnectors(db: Conn, { owner, limit, leaseMs }: { owner: string; limit: number; leaseMs: number }): Promise<ClaimedConnector[]> {
  const due = db
    .select({ id: connectors.id })
    .from(connectors)
    .where(and(lte(connectors.nextCheckAt, sql`now()`), or(isNull(connectors.leaseUntil), lt(connectors.leaseUntil, sql`now()`))))
    .orderBy(asc(connectors.nextCheckAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(connectors)
    .set({ leaseUntil: sql`now() + ${ms(leaseMs)}`, leaseOwner: owner })
    .where(inArray(connectors.id, due))
    .returning(claimedColumns);
}

/** One connector's check inputs, scoped by organisation (another organisation's connector is "not found"). */
export async function getConnectorForCheck(db: Conn, { orgId, id }: { orgId: string; id: string }): Promise<ClaimedConnector | undefined> {
  const [row] = await db.select(claimedColumns).from(connectors).where(and(eq(connectors.orgId, orgId), eq(connectors.id, id))).limit(1);
  return row;
}

/** Gives leases back (unstarted work at the end of a run, or a connector that could not be checked). */
export async function releaseLeases(db: Conn, { owner, ids, delayMs }: { owner: string; ids: string[]; delayMs?: number }) {
  if (ids.length === 0) return;
  await db
    .update(connectors)
    .set({ leaseUntil: null, leaseOwner: null, ...(delayMs !== undefined ? { nextCheckAt: sql`now() + ${ms(delayMs)}` } : {}) })
    .where(and(inArray(connectors.id, ids), eq(connectors.leaseOwner, owner)));
}

/** Locks connectors (in id order, so two recorders never deadlock) and reads their current flap state. */
export function lockConnectorsForRecord(tx: Tx, ids: string[]): Promise<ClaimedConnector[]> {
  return tx.select(claimedColumns).from(connectors).where(inArray(connectors.id, ids)).orderBy(asc(connectors.id)).for("update");
}

export interface ResultWrite {
  id: string;
  orgId: string;
  /** Lease owner to release; null for a check outside the sweep (it leaves any sweep's lease alone). */
  owner: string | null;
  /** The state and credentials envelope the new state was computed from: the write applies only if both still hold. */
  expected: { status: ConnectorStatus; pendingStatus: ConnectorStatus | null; pendingCount: number; consecutiveFailures: number; credentials: string };
  status: ConnectorStatus;
  fromStatus: ConnectorStatus;
  changed: boolean;
  pendingStatus: ConnectorStatus | null;
  pendingCount: number;
  consecutiveFailures: number;
  checkedAt: string;
  checkStatus: ConnectorStatus;
  throttled: boolean;
  reason: string;
  message: string;
  hint: string;
  latencyMs: number;
  httpStatus: number | null;
  nextInMs: number;
  /** Re-encrypted rotated credentials, or null to keep the stored ones. */
  credentials: string | null;
  credentialsKeyId: string | null;
}

/**
 * Records many results in ONE statement (so one transaction): updates each connector whose state is still the one
 * the result was computed from, and for exactly those rows inserts the result and, on a confirmed change, the event.
 * Returns the ids written; the others changed underneath (a concurrent "Check now", new credentials, a delete).
 * The rows travel as one jsonb parameter: far cheaper than thousands of bound parameters.
 */
export async function writeResults(db: Conn, rows: ResultWrite[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const res = (await db.execute(sql`
    WITH v AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows.map(toRecord))}::jsonb) AS v(
        id uuid, org_id uuid, owner uuid, exp_status connector_status, exp_pending_status connector_status,
        exp_pending_count integer, exp_failures integer, exp_md5 text, status connector_status, from_status connector_status,
        changed boolean, pending_status connector_status, pending_count integer, consecutive_failures integer,
        checked_at timestamptz, check_status connector_status, throttled boolean, reason text, message text, hint text,
        latency_ms integer, http_status integer, next_in_ms integer, credentials text, credentials_key_id text)
    ), written AS (
      UPDATE connectors c SET
        status = v.status,
        status_since = CASE WHEN v.changed THEN v.checked_at ELSE c.status_since END,
        last_checked_at = v.checked_at, last_reason = v.reason, last_message = v.message, last_hint = v.hint,
        last_latency_ms = v.latency_ms, last_http_status = v.http_status,
        pending_status = v.pending_status, pending_count = v.pending_count, consecutive_failures = v.consecutive_failures,
        next_check_at = now() + v.next_in_ms * interval '1 millisecond',
        lease_until = CASE WHEN c.lease_owner = v.owner THEN NULL ELSE c.lease_until END,
        lease_owner = CASE WHEN c.lease_owner = v.owner THEN NULL ELSE c.lease_owner END,
        credentials = coalesce(v.credentials, c.credentials),
        credentials_key_id = coalesce(v.credentials_key_id, c.credentials_key_id)
      FROM v
      WHERE c.id = v.id AND c.org_id = v.org_id
        AND c.status = v.exp_status AND c.pending_status IS NOT DISTINCT FROM v.exp_pending_status
        AND c.pending_count = v.exp_pending_count AND c.consecutive_failures = v.exp_failures
        AND md5(c.credentials) = v.exp_md5
      RETURNING c.id
    ), checks AS (
      INSERT INTO health_checks (org_id, connector_id, checked_at, status, throttled, reason, latency_ms, http_status)
      SELECT v.org_id, v.id, v.checked_at, v.check_status, v.throttled, v.reason, v.latency_ms, v.http_status FROM v JOIN written w ON w.id = v.id
    ), events AS (
      INSERT INTO status_events (org_id, connector_id, at, from_status, to_status, reason, message)
      SELECT v.org_id, v.id, v.checked_at, v.from_status, v.status, v.reason, v.message FROM v JOIN written w ON w.id = v.id WHERE v.changed
    )
    SELECT id FROM written`)) as unknown as { rows: { id: string }[] };
  return res.rows.map((r) => r.id);
}

function toRecord(r: ResultWrite) {
  return {
    id: r.id, org_id: r.orgId, owner: r.owner, exp_status: r.expected.status, exp_pending_status: r.expected.pendingStatus,
    exp_pending_count: r.expected.pendingCount, exp_failures: r.expected.consecutiveFailures, exp_md5: md5(r.expected.credentials),
    status: r.status, from_status: r.fromStatus, changed: r.changed, pending_status: r.pendingStatus, pending_count: r.pendingCount,
    consecutive_failures: r.consecutiveFailures, checked_at: r.checkedAt, check_status: r.checkStatus, throttled: r.throttled,
    reason: r.reason, message: r.message, hint: r.hint, latency_ms: r.latencyMs, http_status: r.httpStatus, next_in_ms: r.nextInMs,
    credentials: r.credentials, credentials_key_id: r.credentialsKeyId,
  };
}
