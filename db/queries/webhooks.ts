import { and, count, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { type ChannelKind, webhookDeliveries, webhooks } from "@/db/schema";

/** The organisation's webhooks and their delivery log. */
type Scope = { orgId: string; webhookId: string };
const byId = ({ orgId, webhookId }: Scope) => and(eq(webhooks.orgId, orgId), eq(webhooks.id, webhookId));

/** Never selects the secret: pages get the URL (a chat channel's only masked) and state only. */
export function listWebhooks(db: DbOrTx, { orgId }: { orgId: string }) {
  return db
    .select({
      id: webhooks.id,
      kind: webhooks.kind,
      url: webhooks.url,
      active: webhooks.active,
      createdAt: webhooks.createdAt,
    })
    .from(webhooks)
    .where(eq(webhooks.orgId, orgId))
    .orderBy(webhooks.createdAt);
}

/** A webhook with every column, its secret's envelope included (server-side only). */
export async function getWebhook(db: DbOrTx, scope: Scope) {
  const row = (await db.select().from(webhooks).where(byId(scope)).limit(1)).at(0);
  return row;
}

export async function countWebhooks(db: DbOrTx, { orgId }: { orgId: string }) {
  const [{ n }] = await db.select({ n: count() }).from(webhooks).where(eq(webhooks.orgId, orgId));
  return n;
}

export async function insertWebhook(
  db: DbOrTx,
  values: {
    id: string;
    orgId: string;
    kind?: ChannelKind;
    url: string;
    secret: string;
    secretKeyId: string;
    createdBy: string | null;
  },
) {
  await db.insert(webhooks).values(values);
}

/** False when the organisation has no such webhook. */
export async function setWebhookActiveRow(db: DbOrTx, scope: Scope, active: boolean) {
  const rows = await db.update(webhooks).set({ active }).where(byId(scope)).returning({ id: webhooks.id });
  return rows.length > 0;
}

/** False when the organisation has no such webhook. Its pending deliveries and its log go with it (cascade). */
export async function deleteWebhookRow(db: DbOrTx, scope: Scope) {
  const rows = await db.delete(webhooks).where(byId(scope)).returning({ id: webhooks.id });
  return rows.length > 0;
}

/** The delivery log, newest first. */
export function listWebhookDeliveryRows(db: DbOrTx, { orgId, limit }: { orgId: string; limit: number }) {
  return db
    .select({
      id: webhookDeliveries.id,
      url: webhooks.url,
      kind: webhooks.kind,
      event: webhookDeliveries.event,
      at: webhookDeliveries.at,
      attempt: webhookDeliveries.attempt,
      httpStatus: webhookDeliveries.httpStatus,
      ok: webhookDeliveries.ok,
      error: webhookDeliveries.error,
      durationMs: webhookDeliveries.durationMs,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhookDeliveries.orgId, orgId))
    .orderBy(desc(webhookDeliveries.at), desc(webhookDeliveries.id))
    .limit(limit);
}

export type NewWebhookDelivery = typeof webhookDeliveries.$inferInsert & { orgId: string };

export async function insertWebhookDelivery(db: DbOrTx, values: NewWebhookDelivery) {
  await db.insert(webhookDeliveries).values(values);
}
