import type { Dispatcher } from "undici";
import type { LookupFunction } from "@/lib/health/guarded-agent";
import type { Db } from "@/db";
import { describeDatabaseError } from "@/db/errors";
import { claimDueOutbox, markOutboxAttemptFailed, markOutboxDelivered, releaseOutboxLeases } from "@/db/queries/outbox";
import { findLiveAccountLinkEmail } from "@/db/queries/account-links";
import { findPendingSignUpById } from "@/db/queries/pending-sign-ups";
import { findUserEmail } from "@/db/queries/users";
import type { OutboxRow } from "@/db/schema";
import { decryptAccountLinkMailText } from "@/lib/accounts/account-link-mail";
import { decryptSignUpMailText } from "@/lib/accounts/sign-up-mail";
import { env } from "@/lib/env";
import { describeError, logError } from "@/lib/log";
import { countDeliveryFailure } from "@/lib/metrics/record";
import { composeEmail } from "./email";
import {
  type AccountLinkMailPayload,
  type AccountMailPayload,
  isAccountLinkMail,
  isAccountMail,
  isSignUpMail,
  type OutboxPayload,
  PermanentDeliveryError,
  type SignUpMailPayload,
} from "./event";
import { createMailer, type Mailer } from "./mailer";
import { resolveRecipients } from "./recipients";
import { WEBHOOK_TIMEOUT_MS } from "./send-webhook";
import { deliverWebhookRow } from "./webhook-delivery";

export interface DeliverOptions {
  /** No row starts after this long (a cron invocation passes what its sweep left, minus one attempt's timeout). */
  timeBudgetMs?: number;
  batchSize?: number;
  concurrency?: number;
  mailer?: Mailer;
  allowPrivateNetworks?: boolean;
  /** Tests only: routes webhook requests. */
  dispatcher?: Dispatcher;
  /** Tests only: resolves webhook host names (the address guard still applies). */
  lookup?: LookupFunction;
  /** First retry delay; doubles per attempt up to an hour (tests shorten it). */
  retryBaseMs?: number;
}

export interface DeliveryReport {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
  durationMs: number;
}

/** 30 s, 1 min, 2 min ... capped at 1 hour, ±10%: about 30 attempts over the day a row lives. */
export function retryDelayMs(attempts: number, baseMs = 30_000, random = Math.random): number {
  const ms = Math.min(60 * 60_000, baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 20));
  return Math.round(ms * (0.9 + 0.2 * random()));
}

/**
 * Processes due outbox rows until none is left or the budget is spent. Rows are leased (SKIP LOCKED), so any number
 * of processors, in any number of processes, deliver each row once; a processor that dies leaves its rows to the
 * next one when the lease expires. Nothing here throws for one bad row: it is retried, then marked failed.
 */
export async function deliverOutbox(db: Db, options: DeliverOptions = {}): Promise<DeliveryReport> {
  const started = performance.now();
  const budgetMs = options.timeBudgetMs ?? 30_000;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 8;
  const mailer = options.mailer ?? createMailer();
  const report: DeliveryReport = { claimed: 0, delivered: 0, retrying: 0, failed: 0, durationMs: 0 };
  // A claimed row must finish (or time out) well inside its lease, or a second processor could send it again.
  const leaseMs = WEBHOOK_TIMEOUT_MS * 3 + 30_000;
  try {
    while (performance.now() - started < budgetMs) {
      const rows = await claimDueOutbox(db, { limit: batchSize, leaseMs });
      const queue = [...rows];
      const worker = async () => {
        while (queue.length > 0 && performance.now() - started < budgetMs) {
          const row = queue.shift();
          if (!row) break;
          report.claimed += 1;
          report[await deliverRow(db, row, mailer, options)] += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
      // Out of time with rows left: hand them back now rather than after the lease (the attempt never happened).
      await releaseOutboxLeases(
        db,
        queue.map((r) => r.id),
      );
      if (rows.length < batchSize) break;
    }
  } finally {
    if (!options.mailer) mailer.close();
  }
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

async function deliverRow(
  db: Db,
  row: OutboxRow,
  mailer: Mailer,
  options: DeliverOptions,
): Promise<"delivered" | "retrying" | "failed"> {
  const payload = row.payload as unknown as OutboxPayload;
  try {
    const orgId = row.orgId;
    if (row.kind === "email" && isSignUpMail(row.payload)) await sendSignUpMail(db, row.payload, mailer);
    else if (!orgId) throw new PermanentDeliveryError("The row names no organisation.");
    else if (row.kind === "email" && isAccountLinkMail(row.payload))
      await sendAccountLinkMail(db, { ...row, orgId }, row.payload, mailer);
    else if (row.kind === "email" && isAccountMail(row.payload))
      await sendAccountMail(db, { ...row, orgId }, row.payload, mailer);
    else if (row.kind === "email") await sendEmail(db, { ...row, orgId }, payload, mailer);
    else
      await deliverWebhookRow(db, { ...row, orgId }, payload, {
        allowPrivateNetworks: options.allowPrivateNetworks ?? env.HEALTHCHECK_ALLOW_PRIVATE_NETWORKS,
        dispatcher: options.dispatcher,
        lookup: options.lookup,
      });
    await markOutboxDelivered(db, row.id);
    return "delivered";
  } catch (error) {
    const final = error instanceof PermanentDeliveryError;
    const delayMs = retryDelayMs(row.attempts, options.retryBaseMs);
    // Stored on the row: a database error by its code only (its message holds the statement and parameters).
    const message = error instanceof Error && !describeDatabaseError(error) ? error.message : describeError(error);
    await markOutboxAttemptFailed(db, { id: row.id, error: message, delayMs, final }).catch((e: unknown) => {
      logError(`outbox ${row.id}`, e);
    });
    if (row.kind === "email") logError(`outbox ${row.id} e-mail attempt ${row.attempts}`, error);
    const gaveUp = final || Date.now() + delayMs > new Date(row.expiresAt).getTime();
    countDeliveryFailure(row.kind, gaveUp);
    return gaveUp ? "failed" : "retrying";
  }
}

type OrgRow = OutboxRow & { orgId: string };

async function sendEmail(db: Db, row: OrgRow, payload: OutboxPayload, mailer: Mailer): Promise<void> {
  const to = await resolveRecipients(db, { orgId: row.orgId, groupId: payload.groupId });
  if (to.length === 0) throw new PermanentDeliveryError("The notification group has no recipients.");
  await mailer.send({ to, ...composeEmail(payload) });
}

async function sendAccountMail(db: Db, row: OrgRow, payload: AccountMailPayload, mailer: Mailer): Promise<void> {
  const { userId, subject, text } = payload.accountMail;
  const email = await findUserEmail(db, { orgId: row.orgId, userId });
  if (!email) throw new PermanentDeliveryError("The user no longer exists.");
  await mailer.send({ to: [email], subject, text });
}

async function sendAccountLinkMail(
  db: Db,
  row: OrgRow,
  payload: AccountLinkMailPayload,
  mailer: Mailer,
): Promise<void> {
  const { linkId, subject, encryptedText } = payload.accountLinkMail;
  const email = await findLiveAccountLinkEmail(db, { orgId: row.orgId, linkId });
  if (!email) throw new PermanentDeliveryError("The link was used, replaced or has expired.");
  await mailer.send({ to: [email], subject, text: decryptAccountLinkMailText(linkId, encryptedText) });
}

async function sendSignUpMail(db: Db, payload: SignUpMailPayload, mailer: Mailer): Promise<void> {
  const { pendingId, subject, encryptedText } = payload.signUpMail;
  const pending = await findPendingSignUpById(db, pendingId);
  if (!pending) throw new PermanentDeliveryError("The sign-up is no longer pending.");
  await mailer.send({ to: [pending.email], subject, text: decryptSignUpMailText(pendingId, encryptedText) });
}
