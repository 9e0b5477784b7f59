import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db";
import { connectors } from "@/db/schema";
import type { Connector, ConnectorStatus } from "@/db/schema/connectors";
import { executeRows } from "./execute";
import { inWindowNow } from "./maintenance";

/**
 * SQL of the health sweep. The sweep works across organisations by design (it is the platform's job, not a
 * user's request); every write still carries the row's org_id in its WHERE so a mixed-up id cannot cross tenants.
 */
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
  checkIntervalMinutes: connectors.checkIntervalMinutes,
};
export type ClaimedConnector = Pick<Connector, keyof typeof claimedColumns>;

/**
 * Leases up to `limit` due connectors to `owner` in one statement (its own short transaction). SKIP LOCKED lets
 * concurrent sweeps take disjoint rows; a row whose lease expired (a crashed run) is due again. A connector in a pause
 * or maintenance window is never claimed; it stays due, so it is checked as soon as the window ends.
 */
export function claimDueConnectors(
  db: DbOrTx,
  { owner, limit, leaseMs }: { owner: string; limit: number; leaseMs: number },
): Promise<ClaimedConnector[]> {
  const due = db
    .select({ id: connectors.id })
    .from(connectors)
    .where(
      and(
        lte(connectors.nextCheckAt, sql`now()`),
        or(isNull(connectors.leaseUntil), lt(connectors.leaseUntil, sql`now()`)),
        sql`not ${inWindowNow(sql`"connectors"."id"`)}`,
      ),
    )
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
export async function getConnectorForCheck(
  db: DbOrTx,
  { orgId, id }: { orgId: string; id: string },
): Promise<ClaimedConnector | undefined> {
  const [row] = await db
    .select(claimedColumns)
    .from(connectors)
    .where(and(eq(connectors.orgId, orgId), eq(connectors.id, id)))
    .limit(1);
  return row;
}

/** Gives leases back (unstarted work at the end of a run, or a connector that could not be checked). */
export async function releaseLeases(
  db: DbOrTx,
  { owner, ids, delayMs }: { owner: string; ids: string[]; delayMs?: number },
) {
  if (ids.length === 0) return;
  await db
    .update(connectors)
    .set({
      leaseUntil: null,
      leaseOwner: null,
      ...(delayMs !== undefined ? { nextCheckAt: sql`now() + ${ms(delayMs)}` } : {}),
    })
    .where(and(inArray(connectors.id, ids), eq(connectors.leaseOwner, owner)));
}

/** A connector's last "Check now" time, scoped by organisation (undefined: no such connector in the organisation). */
export async function findManualCheck(
  db: DbOrTx,
  { orgId, id }: { orgId: string; id: string },
): Promise<{ manualCheckAt: Date | null } | undefined> {
  const [row] = await db
    .select({ manualCheckAt: connectors.manualCheckAt })
    .from(connectors)
    .where(and(eq(connectors.orgId, orgId), eq(connectors.id, id)))
    .limit(1);
  return row;
}

/**
 * Takes a connector for a "Check now" in one conditional update: only if no "Check now" ran in the last
 * `minIntervalS` seconds and no sweep holds its lease; the lease is then `owner`'s for `leaseMs`. True when taken.
 */
export async function claimManualCheck(
  db: DbOrTx,
  lease: { orgId: string; id: string; owner: string; leaseMs: number; minIntervalS: number },
): Promise<boolean> {
  const { orgId, id, owner, leaseMs, minIntervalS } = lease;
  const since = (secs: number) => sql`now() - make_interval(secs => ${secs})`;
  const claimed = await db
    .update(connectors)
    .set({ manualCheckAt: sql`now()`, leaseOwner: owner, leaseUntil: sql`now() + ${ms(leaseMs)}` })
    .where(
      and(
        eq(connectors.orgId, orgId),
        eq(connectors.id, id),
        or(isNull(connectors.manualCheckAt), lt(connectors.manualCheckAt, since(minIntervalS))),
        or(isNull(connectors.leaseUntil), lt(connectors.leaseUntil, sql`now()`)),
      ),
    )
    .returning({ id: connectors.id });
  return claimed.length > 0;
}

/** Gives back a "Check now" lease, if `owner` still holds it. */
export async function releaseManualCheck(
  db: DbOrTx,
  { orgId, id, owner }: { orgId: string; id: string; owner: string },
) {
  await db
    .update(connectors)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(connectors.orgId, orgId), eq(connectors.id, id), eq(connectors.leaseOwner, owner)));
}

/** Locks connectors (in id order, so two recorders never deadlock) and reads their current flap state. */
export function lockConnectorsForRecord(tx: Tx, ids: string[]): Promise<ClaimedConnector[]> {
  return tx
    .select(claimedColumns)
    .from(connectors)
    .where(inArray(connectors.id, ids))
    .orderBy(asc(connectors.id))
    .for("update");
}

type PgValues = {
  uuid: string;
  text: string;
  integer: number;
  boolean: boolean;
  timestamptz: string;
  connector_status: ConnectorStatus;
};
type PgType = keyof PgValues;
type ValueOf<D> = D extends `${infer T extends PgType} null`
  ? PgValues[T] | null
  : D extends PgType
    ? PgValues[D]
    : never;

/**
 * One recorded check, declared once: each field's Postgres type (" null" when it may be null). The ResultWrite type,
 * the jsonb_to_recordset column list and the JSON rows are all derived from it; a field is named in snake_case in SQL.
 */
const RESULT_COLUMNS = {
  id: "uuid",
  orgId: "uuid",
  /** Lease owner to release; null for a check outside the sweep (it leaves any sweep's lease alone). */
  owner: "uuid null",
  // The state and credentials envelope (its md5) the new state was computed from: the write applies only if both hold.
  expStatus: "connector_status",
  expPendingStatus: "connector_status null",
  expPendingCount: "integer",
  expFailures: "integer",
  expMd5: "text",
  status: "connector_status",
  fromStatus: "connector_status",
  changed: "boolean",
  pendingStatus: "connector_status null",
  pendingCount: "integer",
  consecutiveFailures: "integer",
  checkedAt: "timestamptz",
  checkStatus: "connector_status",
  throttled: "boolean",
  reason: "text",
  message: "text",
  hint: "text",
  latencyMs: "integer",
  httpStatus: "integer null",
  nextInMs: "integer",
  /** Re-encrypted rotated credentials, or null to keep the stored ones. */
  credentials: "text null",
  credentialsKeyId: "text null",
} as const satisfies Record<string, PgType | `${PgType} null`>;

export type ResultWrite = { -readonly [K in keyof typeof RESULT_COLUMNS]: ValueOf<(typeof RESULT_COLUMNS)[K]> };

const RESULT_FIELDS = (Object.keys(RESULT_COLUMNS) as (keyof ResultWrite)[]).map((key) => ({
  key,
  column: key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
  pgType: RESULT_COLUMNS[key].replace(/ null$/, ""),
}));
/**
 * The JSON rows are the ResultWrite objects as they are (camelCase keys, no copy per row): the record set declares
 * those keys as quoted column names and the select renames them to the snake_case the statement uses.
 */
const RESULT_SELECT_LIST = sql.raw(RESULT_FIELDS.map((f) => `r."${f.key}" AS ${f.column}`).join(", "));
const RESULT_COLUMN_LIST = sql.raw(RESULT_FIELDS.map((f) => `"${f.key}" ${f.pgType}`).join(", "));

/** The fingerprint of a credentials envelope that writeResults compares (expMd5) with md5() of the stored one. */
export const credentialsFingerprint = (envelope: string) => createHash("md5").update(envelope).digest("hex");

/**
 * Records many results in ONE statement (so one transaction): updates each connector whose state is still the one
 * the result was computed from, and for exactly those rows inserts the result and, on a confirmed change, the event.
 * Returns the ids written; the others changed underneath (a concurrent "Check now", new credentials, a delete).
 * The rows travel as one jsonb parameter: far cheaper than thousands of bound parameters.
 */
export async function writeResults(db: DbOrTx, rows: ResultWrite[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const written = await executeRows<{ id: string }>(
    db,
    sql`
    WITH v AS (
      SELECT ${RESULT_SELECT_LIST} FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(${RESULT_COLUMN_LIST})
    ), written AS (
      UPDATE connectors c SET
        status = v.status,
        status_since = CASE WHEN v.changed THEN v.checked_at ELSE c.status_since END,
        last_checked_at = v.checked_at, last_reason = v.reason, last_message = v.message, last_hint = v.hint,
        last_latency_ms = v.latency_ms, last_http_status = v.http_status,
        pending_status = v.pending_status, pending_count = v.pending_count,
        consecutive_failures = v.consecutive_failures,
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
      SELECT v.org_id, v.id, v.checked_at, v.check_status, v.throttled, v.reason, v.latency_ms, v.http_status
      FROM v JOIN written w ON w.id = v.id
    ), events AS (
      INSERT INTO status_events (org_id, connector_id, at, from_status, to_status, reason, message)
      SELECT v.org_id, v.id, v.checked_at, v.from_status, v.status, v.reason, v.message
      FROM v JOIN written w ON w.id = v.id WHERE v.changed
    )
    SELECT id FROM written`,
  );
  return written.map((r) => r.id);
}
