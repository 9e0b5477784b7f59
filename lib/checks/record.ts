import type { DbOrTx } from "@/db";
import {
  type ClaimedConnector,
  credentialsFingerprint,
  lockConnectorsForRecord,
  releaseLeases,
  type ResultWrite,
  writeResults,
} from "@/db/queries/health";
import { type Credentials, encryptCredentials } from "@/lib/crypto/credentials";
import type { CheckResult } from "@/lib/health/contract";
import { enqueueStatusNotifications, isNotifiable } from "@/lib/notifications/enqueue";
import { applyObservation, type FlapPolicy, type Transition } from "./flap";
import { checkIntervalMs } from "./interval";

export interface CheckedConnector {
  /** The row as claimed (or read): its flap state is what the result is applied to. */
  connector: ClaimedConnector;
  /** The decrypted credentials the check used: rotated values are merged into them before re-encrypting. */
  credentials: Credentials;
  result: CheckResult;
}

export interface RecordPolicy extends FlapPolicy {
  /** The sweep run's lease owner (released on record); null for a check outside the sweep. */
  owner: string | null;
  random?: () => number;
}

export interface Recorded {
  recorded: number;
  changed: number;
  /** Per connector actually recorded. */
  transitions: Map<string, Transition>;
}

/**
 * Records results: the one code path for the sweep and for "Check now". Each result, its connector's new state and
 * any confirmed event are written by one statement, so either all of a batch is stored or none of it and nothing is
 * reported as checked that is not in the database. The write applies flap control to the state read at claim time
 * and only lands if that state still holds; the rare rows that changed meanwhile (a "Check now" in between) are
 * re-read under a row lock and recomputed. A result for a connector deleted, or whose credentials were replaced
 * while it was being checked, is dropped: it describes details we no longer hold (the save runs its own check).
 */
export async function recordChecks(db: DbOrTx, items: CheckedConnector[], policy: RecordPolicy): Promise<Recorded> {
  const transitions = new Map<string, Transition>();
  const plan = (item: CheckedConnector, state: ClaimedConnector): ResultWrite => {
    const own = { ...policy, intervalMs: checkIntervalMs(state, policy.intervalMs) };
    const t = applyObservation(state, item.result, own, policy.random);
    transitions.set(state.id, t);
    return toWrite(item, state, t, policy.owner);
  };
  const written = new Set(
    await writeAndNotify(
      db,
      items.map((i) => plan(i, i.connector)),
    ),
  );
  const retry = items.filter((i) => !written.has(i.connector.id));
  if (retry.length > 0) {
    await db.transaction(async (tx) => {
      const current = new Map(
        (
          await lockConnectorsForRecord(
            tx,
            retry.map((i) => i.connector.id),
          )
        ).map((r) => [r.id, r]),
      );
      const fresh = retry.flatMap((item) => {
        const state = current.get(item.connector.id);
        return state?.credentials === item.connector.credentials ? [plan(item, state)] : [];
      });
      for (const id of await writeAndNotify(tx, fresh)) written.add(id);
      const stale = retry.filter((i) => !written.has(i.connector.id)).map((i) => i.connector.id);
      if (policy.owner) await releaseLeases(tx, { owner: policy.owner, ids: stale });
    });
  }
  for (const id of transitions.keys()) if (!written.has(id)) transitions.delete(id);
  const changed = [...transitions.values()].filter((t) => t.changed).length;
  return { recorded: written.size, changed, transitions };
}

/**
 * writeResults, plus the outbox rows of the confirmed changes it wrote, in one transaction. A batch with nothing to
 * announce (nearly every batch) stays the single statement it was: no transaction, no extra round trip.
 */
async function writeAndNotify(db: DbOrTx, rows: ResultWrite[]): Promise<string[]> {
  if (!rows.some(isNotifiable)) return writeResults(db, rows);
  return db.transaction(async (tx) => {
    const ids = new Set(await writeResults(tx, rows));
    await enqueueStatusNotifications(
      tx,
      rows.filter((r) => ids.has(r.id)),
    );
    return [...ids];
  });
}

function toWrite(
  { connector, credentials, result }: CheckedConnector,
  state: ClaimedConnector,
  t: Transition,
  owner: string | null,
): ResultWrite {
  const rotated = result.rotatedCredentials
    ? encryptCredentials(connector.id, { ...credentials, ...result.rotatedCredentials })
    : null;
  return {
    id: state.id,
    orgId: connector.orgId,
    owner,
    expStatus: state.status,
    expPendingStatus: state.pendingStatus,
    expPendingCount: state.pendingCount,
    expFailures: state.consecutiveFailures,
    expMd5: credentialsFingerprint(state.credentials),
    status: t.status,
    fromStatus: t.previousStatus,
    changed: t.changed,
    pendingStatus: t.pendingStatus,
    pendingCount: t.pendingCount,
    consecutiveFailures: t.consecutiveFailures,
    checkedAt: result.checkedAt.toISOString(),
    checkStatus: result.status,
    throttled: Boolean(result.throttled),
    reason: result.reason,
    message: result.message,
    hint: result.hint,
    latencyMs: result.latencyMs,
    httpStatus: result.httpStatus ?? null,
    nextInMs: t.nextCheckInMs,
    credentials: rotated?.credentials ?? null,
    credentialsKeyId: rotated?.credentialsKeyId ?? null,
  };
}
