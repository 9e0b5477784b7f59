import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { OUTBOX_TTL } from "./outbox";
import { executeRows } from "./execute";

/**
 * SQL of resync requests (db/schema/resync.ts). "Expired" is a pending request (or a claim whose lease lapsed before
 * the engine acknowledged it) older than 24 hours: computed by time when read, and marked in the transaction that
 * requests the run again, so the one-open-request index never blocks a fresh request.
 */
const iso = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export const RESYNC_EXPIRY = sql`interval '24 hours'`;

/** Not picked up: pending, or claimed without an acknowledgement and with the lease run out. */
const notPickedUp = (r: string) =>
  sql.raw(
    `(${r}.status = 'pending' or (${r}.status = 'claimed' and ${r}.acknowledged_at is null and ${r}.lease_until < now()))`,
  );
const isExpired = (r: string) => sql`(${notPickedUp(r)} and ${sql.raw(r)}.requested_at <= now() - ${RESYNC_EXPIRY})`;
/** The status as people and the engine see it: an expired request reads "expired" before it is marked so. */
const shownStatus = (r: string) => sql`case when ${isExpired(r)} then 'expired' else ${sql.raw(r)}.status::text end`;

export type ResyncShownStatus = "pending" | "claimed" | "completed" | "expired";

/** The latest request of a run, as the summary and the report show it beside the run. */
export interface ResyncState {
  syncRunId: number;
  status: ResyncShownStatus;
  requestedAt: Date;
  requestedByName: string;
  acknowledgedAt: Date | null;
  completedAt: Date | null;
  resultStatus: "ok" | "failed" | null;
}

const ids = (values: number[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The latest request of each of these runs of the organisation (runs never requested are absent). */
export async function listResyncStates(
  db: DbOrTx,
  { orgId, runIds }: { orgId: string; runIds: number[] },
): Promise<Map<number, ResyncState>> {
  if (runIds.length === 0) return new Map();
  const rows = await executeRows<Omit<ResyncState, "syncRunId"> & { syncRunId: number | string }>(
    db,
    sql`select distinct on (r.sync_run_id) r.sync_run_id as "syncRunId", ${shownStatus("r")} as status,
        r.requested_at as "requestedAt", r.requested_by_name as "requestedByName", r.acknowledged_at as "acknowledgedAt",
        r.completed_at as "completedAt", r.result_status as "resultStatus"
      from resync_requests r
      where r.org_id = ${orgId} and r.sync_run_id in (${ids(runIds)})
      order by r.sync_run_id, r.requested_at desc, r.id`,
  );
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return new Map(
    rows.map((r) => [
      Number(r.syncRunId),
      {
        ...r,
        syncRunId: Number(r.syncRunId),
        requestedAt: new Date(r.requestedAt),
        acknowledgedAt: date(r.acknowledgedAt),
        completedAt: date(r.completedAt),
      },
    ]),
  );
}

/** The organisation's runs among `runIds`, with their status and whether an open, unexpired request exists. */
export async function findRunsForResync(db: DbOrTx, { orgId, runIds }: { orgId: string; runIds: number[] }) {
  if (runIds.length === 0) return [];
  const rows = await executeRows<{
    id: number | string;
    status: string;
    open: boolean;
    externalId: string;
    serviceId: string;
    serviceName: string;
    startedAt: string;
  }>(
    db,
    sql`select s.id, s.status::text as status, s.external_id as "externalId", s.service_id as "serviceId",
        v.name as "serviceName", ${iso("s.started_at")} as "startedAt",
        exists (select 1 from resync_requests r where r.sync_run_id = s.id and r.status in ('pending', 'claimed')
                and not ${isExpired("r")}) as open
      from sync_runs s join services v on v.id = s.service_id
      where s.org_id = ${orgId} and s.id in (${ids(runIds)})
      for update of s`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Marks the expired requests of these runs, so a new request may be inserted in the same transaction. */
export async function markExpiredRequests(db: DbOrTx, { orgId, runIds }: { orgId: string; runIds: number[] }) {
  if (runIds.length === 0) return;
  await db.execute(sql`update resync_requests r set status = 'expired', lease_until = null
    where r.org_id = ${orgId} and r.sync_run_id in (${ids(runIds)}) and ${isExpired("r")}`);
}

/** New pending requests, one per run; answers their ids by run. */
export async function insertResyncRequests(
  db: DbOrTx,
  { orgId, runIds, userId, userName }: { orgId: string; runIds: number[]; userId: string; userName: string },
) {
  if (runIds.length === 0) return [];
  const rows = await executeRows<{ id: string; syncRunId: number | string; requestedAt: Date | string }>(
    db,
    sql`insert into resync_requests (org_id, sync_run_id, requested_by, requested_by_name)
      select ${orgId}::uuid, x, ${userId}::uuid, ${userName} from unnest(${sql`array[${ids(runIds)}]::bigint[]`}) as x
      returning id, sync_run_id as "syncRunId", requested_at as "requestedAt"`,
  );
  return rows.map((r) => ({ id: r.id, syncRunId: Number(r.syncRunId), requestedAt: new Date(r.requestedAt) }));
}

/**
 * Queues each event body for every active webhook of the organisation, through the notification outbox (delivered,
 * signed and retried like status changes). Call it in the transaction that stores what the events announce.
 */
export async function insertOrgWebhookEvents(db: DbOrTx, { orgId, bodies }: { orgId: string; bodies: object[] }) {
  if (bodies.length === 0) return;
  await db.execute(sql`insert into outbox (org_id, kind, webhook_id, payload, expires_at)
    select w.org_id, 'webhook', w.id, jsonb_build_object('body', b.body), now() + ${OUTBOX_TTL}
    from jsonb_array_elements(${JSON.stringify(bodies)}::jsonb) as b(body)
    join webhooks w on w.org_id = ${orgId} and w.active`);
}

/** A request as the engine reads it (GET /api/v1/resync-requests, the claim, the acknowledgement). */
export interface EngineResyncRequest {
  id: string;
  status: ResyncShownStatus;
  requestedAt: string;
  requestedBy: string;
  claimedBy: string | null;
  leaseUntil: string | null;
  acknowledgedAt: string | null;
  run: { externalId: string; serviceId: string; startedAt: string; status: string };
}

const engineColumns = (r: string) => sql`${sql.raw(r)}.id, ${shownStatus(r)} as status,
  ${iso(`${r}.requested_at`)} as "requestedAt", ${sql.raw(r)}.requested_by_name as "requestedBy",
  ${sql.raw(r)}.claimed_by as "claimedBy", ${iso(`${r}.lease_until`)} as "leaseUntil",
  ${iso(`${r}.acknowledged_at`)} as "acknowledgedAt",
  jsonb_build_object('externalId', s.external_id, 'serviceId', s.service_id, 'startedAt', ${iso("s.started_at")},
    'status', s.status) as run`;

/** Open requests, oldest first: `pending` = not claimed (or lease run out) and not expired; `claimed` = leased now. */
export function listEngineRequests(
  db: DbOrTx,
  { orgId, status, limit }: { orgId: string; status: "pending" | "claimed"; limit: number },
) {
  const which: SQL =
    status === "pending"
      ? sql`${notPickedUp("r")} and not ${isExpired("r")}`
      : sql`r.status = 'claimed' and (r.acknowledged_at is not null or r.lease_until >= now())`;
  return executeRows<EngineResyncRequest>(
    db,
    sql`select ${engineColumns("r")} from resync_requests r join sync_runs s on s.id = r.sync_run_id
      where r.org_id = ${orgId} and r.status in ('pending', 'claimed') and ${which}
      order by r.requested_at, r.id limit ${limit}`,
  );
}

/**
 * Leases up to `limit` claimable requests to one worker: pending ones, and claims whose lease ran out before an
 * acknowledgement. FOR UPDATE SKIP LOCKED: two workers claiming at once get disjoint sets, neither waits.
 */
export function claimRequests(
  db: DbOrTx,
  { orgId, limit, leaseSeconds, workerId }: { orgId: string; limit: number; leaseSeconds: number; workerId: string },
) {
  return executeRows<EngineResyncRequest>(
    db,
    sql`with due as (
        select r.id from resync_requests r
        where r.org_id = ${orgId} and r.status in ('pending', 'claimed') and ${notPickedUp("r")} and not ${isExpired("r")}
        order by r.requested_at, r.id limit ${limit} for update skip locked
      ), claimed as (
        update resync_requests r set status = 'claimed', claimed_at = now(), claimed_by = ${workerId},
          lease_until = now() + ${`${leaseSeconds} seconds`}::interval
        from due where r.id = due.id
        returning r.*
      )
      select ${engineColumns("c")} from claimed c join sync_runs s on s.id = c.sync_run_id
      order by c.requested_at, c.id`,
  );
}

/** Marks a request picked up (claiming it if it was still pending); null when it is not open in this organisation. */
export async function acknowledgeRequest(
  db: DbOrTx,
  { orgId, id, workerId }: { orgId: string; id: string; workerId: string | null },
): Promise<EngineResyncRequest | null> {
  const rows = await executeRows<EngineResyncRequest>(
    db,
    sql`with acked as (
        update resync_requests r set status = 'claimed', acknowledged_at = coalesce(r.acknowledged_at, now()),
          claimed_at = coalesce(r.claimed_at, now()), claimed_by = coalesce(${workerId}, r.claimed_by)
        where r.org_id = ${orgId} and r.id = ${id} and r.status in ('pending', 'claimed') and not ${isExpired("r")}
        returning r.*
      )
      select ${engineColumns("a")} from acked a join sync_runs s on s.id = a.sync_run_id`,
  );
  return rows.at(0) ?? null;
}

/** A request of the organisation, whatever its status (to tell "not found" from "no longer open"). */
export async function getRequestStatus(db: DbOrTx, { orgId, id }: { orgId: string; id: string }) {
  const rows = await executeRows<{ status: ResyncShownStatus }>(
    db,
    sql`select ${shownStatus("r")} as status from resync_requests r where r.org_id = ${orgId} and r.id = ${id}`,
  );
  return rows.at(0)?.status ?? null;
}

/**
 * Completes the open request of each original run named by a resync run's `resyncOf` with that run's status (ok or
 * failed). Runs reported as sent or pending leave the request open: their final report completes it.
 */
export async function completeRequestsByResyncRuns(
  db: DbOrTx,
  { orgId, resyncs }: { orgId: string; resyncs: { externalId: string; resyncOf: string }[] },
): Promise<number> {
  if (resyncs.length === 0) return 0;
  const rows = await executeRows<{ id: string }>(
    db,
    sql`with v as (
        select * from jsonb_to_recordset(${JSON.stringify(resyncs)}::jsonb) as v("externalId" text, "resyncOf" text)
      ), pairs as (
        select n.id as new_id, n.status as new_status, o.id as original_id
        from v
        join sync_runs n on n.org_id = ${orgId} and n.external_id = v."externalId" and n.status in ('ok', 'failed')
        join sync_runs o on o.org_id = ${orgId} and o.external_id = v."resyncOf"
      )
      update resync_requests r set status = 'completed', completed_at = now(), lease_until = null,
        result_status = p.new_status::text::resync_result, completed_by_run_id = p.new_id
      from pairs p
      where r.org_id = ${orgId} and r.sync_run_id = p.original_id and r.status in ('pending', 'claimed')
      returning r.id`,
  );
  return rows.length;
}
