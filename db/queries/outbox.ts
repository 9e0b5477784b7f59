import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import type { OutboxRow } from "@/db/schema";
import { executeRows } from "./execute";
import { inWindowNow } from "./maintenance";

/**
 * SQL of the notification outbox. Rows are written in the transaction of the status change that causes them and
 * processed later with leases, so a sweep or a save never waits for a mail server or a webhook receiver.
 */

/** How long a notification keeps being retried before it is marked failed. */
export const OUTBOX_TTL = sql`interval '1 day'`;

const iso = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * Writes, for every row of the CTE `ev` that `events` defines, one e-mail row and one row per active webhook of the
 * organisation: two INSERTs in one statement, whatever the number of events. `ev` must have the columns event_id,
 * org_id, connector_id, event, from_status, to_status, since, reason, message, hint, name, system_id, environment,
 * time_zone, date_format, group_id (chat channels format the time with the zone and format). Answers the number of events. The webhook body is fixed here, so every retry signs exactly the same bytes.
 */
function insertOutboxFor(events: SQL, appUrl: string): SQL {
  const body = sql`jsonb_build_object(
      'id', ev.event_id, 'event', ev.event,
      'connector', jsonb_build_object('id', ev.connector_id, 'name', ev.name, 'system', ev.system_id, 'environment', ev.environment),
      'from', ev.from_status, 'to', ev.to_status, 'since', ${iso("ev.since")},
      'reason', ev.reason, 'message', ev.message, 'hint', ev.hint,
      'url', ${appUrl.replace(/\/$/, "")} || '/connectors/' || ev.connector_id)`;
  return sql`
    ${events}, mail AS (
      INSERT INTO outbox (org_id, kind, payload, expires_at)
      SELECT ev.org_id, 'email', jsonb_build_object('body', ${body}, 'groupId', ev.group_id, 'timeZone', ev.time_zone, 'dateFormat', ev.date_format),
             now() + ${OUTBOX_TTL}
      FROM ev RETURNING id
    ), hooks AS (
      INSERT INTO outbox (org_id, kind, webhook_id, payload, expires_at)
      SELECT ev.org_id, 'webhook', w.id, jsonb_build_object('body', ${body}, 'timeZone', ev.time_zone, 'dateFormat', ev.date_format),
             now() + ${OUTBOX_TTL}
      FROM ev JOIN webhooks w ON w.org_id = ev.org_id AND w.active RETURNING id
    )
    SELECT count(*)::int AS n FROM ev`;
}

export interface StatusChange {
  connectorId: string;
  orgId: string;
  from: string;
  to: string;
  at: string;
  reason: string;
  message: string;
  hint: string;
}

/** Outbox rows for confirmed status changes: one statement for the whole batch. Call it inside the change's transaction. */
export async function insertStatusChangeOutbox(tx: DbOrTx, changes: StatusChange[], appUrl: string): Promise<void> {
  if (changes.length === 0) return;
  // gen_random_uuid() is volatile, so Postgres materialises `ev` once: the e-mail and every webhook share one event id.
  const events = sql`WITH v AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS v(
        "connectorId" uuid, "orgId" uuid, "from" connector_status, "to" connector_status, "at" timestamptz, reason text, message text, hint text)
    ), ev AS (
      SELECT gen_random_uuid() AS event_id, v."orgId" AS org_id, c.id AS connector_id, 'connector.status_changed' AS event,
             v."from" AS from_status, v."to" AS to_status, v."at" AS since, v.reason, v.message, v.hint,
             c.name, c.system_id, c.environment, c.time_zone, c.date_format, c.notification_group_id AS group_id
      FROM v JOIN connectors c ON c.id = v."connectorId" AND c.org_id = v."orgId"
    )`;
  await tx.execute(insertOutboxFor(events, appUrl));
}

/**
 * "Still down" reminders: connectors failing for over a day whose last reminder (if any) is over a day old. Marks and
 * enqueues up to `limit` in one statement, so two sweeps at once never remind twice (SKIP LOCKED, then the mark).
 */
export async function insertDueReminders(
  db: DbOrTx,
  { limit, appUrl }: { limit: number; appUrl: string },
): Promise<number> {
  const events = sql`WITH due AS (
      SELECT id FROM connectors
      WHERE status IN ('unreachable', 'auth_failed') AND status_since <= now() - interval '1 day'
        AND (last_reminder_at IS NULL OR last_reminder_at <= now() - interval '1 day')
        AND NOT ${inWindowNow(sql`connectors.id`)}
      ORDER BY status_since LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ), marked AS (
      UPDATE connectors c SET last_reminder_at = now() FROM due WHERE c.id = due.id
      RETURNING c.id, c.org_id, c.status, c.status_since, c.last_reason, c.last_message, c.last_hint, c.name, c.system_id,
                c.environment, c.time_zone, c.date_format, c.notification_group_id
    ), ev AS (
      SELECT gen_random_uuid() AS event_id, org_id, id AS connector_id, 'connector.still_down' AS event, status AS from_status,
             status AS to_status, status_since AS since, coalesce(last_reason, '') AS reason, coalesce(last_message, '') AS message,
             coalesce(last_hint, '') AS hint, name, system_id, environment, time_zone, date_format, notification_group_id AS group_id
      FROM marked
    )`;
  const row = (await executeRows<{ n: number | string }>(db, insertOutboxFor(events, appUrl))).at(0);
  return Number(row?.n ?? 0);
}

/** Leases up to `limit` due rows (SKIP LOCKED: processors in several processes take disjoint rows). Counts the attempt now, so a crash mid-send still counts. */
export async function claimDueOutbox(
  db: DbOrTx,
  { limit, leaseMs }: { limit: number; leaseMs: number },
): Promise<OutboxRow[]> {
  type Claimed = Pick<OutboxRow, "orgId" | "kind" | "webhookId" | "payload" | "attempts"> & {
    id: number | string;
    expiresAt: string | Date;
  };
  const rows = await executeRows<Claimed>(
    db,
    sql`
    UPDATE outbox o SET lease_until = now() + ${`${leaseMs} milliseconds`}::interval, attempts = o.attempts + 1
    WHERE o.id IN (
      SELECT id FROM outbox
      WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
      ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING o.id, o.org_id AS "orgId", o.kind, o.webhook_id AS "webhookId", o.payload, o.attempts, o.expires_at AS "expiresAt"`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), expiresAt: new Date(r.expiresAt) }) as OutboxRow);
}

export async function markOutboxDelivered(db: DbOrTx, id: number): Promise<void> {
  await db.execute(sql`UPDATE outbox SET delivered_at = now(), lease_until = NULL, last_error = NULL WHERE id = ${id}`);
}

/** A failed attempt: retried after `delayMs`, or marked failed when that would pass its expiry (or `final` says so). */
export async function markOutboxAttemptFailed(
  db: DbOrTx,
  { id, error, delayMs, final = false }: { id: number; error: string; delayMs: number; final?: boolean },
): Promise<void> {
  const next = sql`now() + ${`${Math.round(delayMs)} milliseconds`}::interval`;
  await db.execute(sql`
    UPDATE outbox SET lease_until = NULL, last_error = ${error.slice(0, 500)},
      next_attempt_at = ${next},
      failed_at = CASE WHEN ${final} OR ${next} > expires_at THEN now() ELSE NULL END
    WHERE id = ${id}`);
}

export async function releaseOutboxLeases(db: DbOrTx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`UPDATE outbox SET lease_until = NULL, attempts = attempts - 1 WHERE id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
}

/** An e-mail to one user about their own account; delivered (and retried) like every other outbox row. */
export async function insertAccountMail(
  db: DbOrTx,
  { orgId, userId, subject, text }: { orgId: string; userId: string; subject: string; text: string },
): Promise<void> {
  const payload = JSON.stringify({ accountMail: { userId, subject, text } });
  await db.execute(
    sql`INSERT INTO outbox (org_id, kind, payload, expires_at) VALUES (${orgId}, 'email', ${payload}::jsonb, now() + ${OUTBOX_TTL})`,
  );
}

/** The e-mail with a password link (reset or invitation): its text holds the link, so it is already encrypted. */
export async function insertAccountLinkMail(
  db: DbOrTx,
  { orgId, linkId, subject, encryptedText }: { orgId: string; linkId: string; subject: string; encryptedText: string },
): Promise<void> {
  const payload = JSON.stringify({ accountLinkMail: { linkId, subject, encryptedText } });
  await db.execute(
    sql`INSERT INTO outbox (org_id, kind, payload, expires_at) VALUES (${orgId}, 'email', ${payload}::jsonb, now() + ${OUTBOX_TTL})`,
  );
}

/** The e-mail that finishes a sign-up: it has no organisation yet, and its text (holding the link) is already encrypted. */
export async function insertSignUpMail(
  db: DbOrTx,
  { pendingId, subject, encryptedText }: { pendingId: string; subject: string; encryptedText: string },
): Promise<void> {
  const payload = JSON.stringify({ signUpMail: { pendingId, subject, encryptedText } });
  await db.execute(
    sql`INSERT INTO outbox (org_id, kind, payload, expires_at) VALUES (NULL, 'email', ${payload}::jsonb, now() + ${OUTBOX_TTL})`,
  );
}

/** One event for one channel of the organisation (the settings page's test event), delivered like any other. */
export async function insertWebhookEvent(
  db: DbOrTx,
  { orgId, webhookId, body, timeZone }: { orgId: string; webhookId: string; body: unknown; timeZone?: string },
): Promise<void> {
  const payload = JSON.stringify(timeZone ? { body, timeZone } : { body });
  await db.execute(sql`INSERT INTO outbox (org_id, kind, webhook_id, payload, expires_at)
    SELECT ${orgId}, 'webhook', w.id, ${payload}::jsonb, now() + ${OUTBOX_TTL} FROM webhooks w WHERE w.org_id = ${orgId} AND w.id = ${webhookId}`);
}
