import { and, eq, gte, lte, sql } from "drizzle-orm";
import { services, syncHourly, syncRuns, SYNC_STATUSES, type SyncStatus } from "@/db/schema";
import { getSyncTotals, type SyncTotals } from "@/db/queries/connector-summary";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";

/**
 * The summary's totals read whole hours from sync_hourly, which triggers on sync_runs keep. These tests write runs
 * every way the app does (insert, upsert, update, delete, a service deleted with its runs) and compare, at instants
 * that cut hours anywhere, the totals with a count of the runs themselves.
 */
const db = useTestDb();
const HOUR = 3_600_000;
const NOW = new Date(Math.floor(Date.now() / HOUR) * HOUR + 37 * 60_000 + 12_345); // 37 min 12.345 s into an hour

let orgId: string, other: string, C: string, X: string, S1: string, S2: string, SO: string;
let seq = 0;
// A fixed pseudo-random sequence, so a failure can be replayed.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

function runsAround(serviceId: string, org: string, count: number) {
  return Array.from({ length: count }, () => {
    // From 8 days ago to 10 minutes in the future (clock skew): both ends must be left out.
    const startedAt = new Date(NOW.getTime() - 8 * 24 * HOUR + random() * (8 * 24 * HOUR + 10 * 60_000));
    return {
      orgId: org,
      serviceId,
      externalId: `h-${++seq}`,
      startedAt,
      status: SYNC_STATUSES[Math.floor(random() * SYNC_STATUSES.length)],
      pulledCount: Math.floor(random() * 50),
      pushedCount: Math.floor(random() * 50),
    };
  });
}

/** The totals counted from the runs, as the page defined them before sync_hourly. */
async function countedFromRuns(now: Date): Promise<{ day: SyncTotals; week: SyncTotals }> {
  const zero = (): SyncTotals => ({ total: 0, ok: 0, sent: 0, pending: 0, failed: 0, pulled: 0, pushed: 0 });
  const out = { day: zero(), week: zero() };
  const rows = await db()
    .select({
      status: syncRuns.status,
      startedAt: syncRuns.startedAt,
      pulled: syncRuns.pulledCount,
      pushed: syncRuns.pushedCount,
    })
    .from(syncRuns)
    .innerJoin(services, eq(services.id, syncRuns.serviceId))
    .where(
      and(
        eq(syncRuns.orgId, orgId),
        sql`(${services.sourceConnectorId} = ${C} or ${services.destinationConnectorId} = ${C})`,
        gte(syncRuns.startedAt, new Date(now.getTime() - 7 * 24 * HOUR)),
        lte(syncRuns.startedAt, now),
      ),
    );
  for (const r of rows)
    for (const t of r.startedAt.getTime() >= now.getTime() - 24 * HOUR ? [out.day, out.week] : [out.week]) {
      t.total += 1;
      t[r.status as SyncStatus] += 1;
      t.pulled += r.pulled;
      t.pushed += r.pushed;
    }
  return out;
}

/** sync_hourly as it should be: the runs grouped by service, hour and status. */
async function hourlyMismatches(): Promise<number> {
  const rows = (await db().execute(sql`
    select count(*)::int as n from (
      (select service_id, hour, status, runs, pulled, pushed from ${syncHourly} where runs <> 0
       except
       select service_id, date_trunc('hour', started_at, 'UTC'), status, count(*)::int, sum(pulled_count), sum(pushed_count)
       from ${syncRuns} group by 1, 2, 3)
      union all
      (select service_id, date_trunc('hour', started_at, 'UTC'), status, count(*)::int, sum(pulled_count), sum(pushed_count)
       from ${syncRuns} group by 1, 2, 3
       except
       select service_id, hour, status, runs, pulled, pushed from ${syncHourly} where runs <> 0)
    ) d`)) as unknown as { rows: { n: number }[] };
  return rows.rows[0].n;
}

async function expectTotalsAgree() {
  expect(await hourlyMismatches()).toBe(0);
  // Instants that cut hours at different places, an hour boundary exactly, and the test's own "now".
  for (const now of [NOW, new Date(NOW.getTime() - 37 * 60_000 - 12_345), new Date(NOW.getTime() - 5 * HOUR + 59_999)])
    expect(await getSyncTotals(db(), { orgId, connectorId: C, now })).toEqual(await countedFromRuns(now));
}

beforeAll(async () => {
  ({ orgId } = await createOrganisation(db(), "Hourly A"));
  ({ orgId: other } = await createOrganisation(db(), "Hourly B"));
  const conn = (org: string, systemId: string) =>
    createConnector(db(), org, { systemId, authType: "api-key", credentials: { apiKey: "k" } }).then((c) => c.id);
  [C, X] = [await conn(orgId, "shopify"), await conn(orgId, "netsuite")];
  const OC = await conn(other, "shopify");
  const OX = await conn(other, "netsuite");
  const svc = async (org: string, name: string, source: string, destination: string) =>
    (
      await db()
        .insert(services)
        .values({ orgId: org, name, sourceConnectorId: source, destinationConnectorId: destination })
        .returning()
    )[0].id;
  [S1, S2, SO] = [
    await svc(orgId, "Orders", C, X),
    await svc(orgId, "Stock", X, C),
    await svc(other, "Foreign", OC, OX),
  ];
  await db()
    .insert(syncRuns)
    .values([...runsAround(S1, orgId, 400), ...runsAround(S2, orgId, 300), ...runsAround(SO, other, 200)]);
});

it("counts inserted runs by whole hours plus the runs of the hours the windows cut", async () => {
  await expectTotalsAgree();
  // The other organisation's runs are nowhere in these totals.
  const week = (await getSyncTotals(db(), { orgId, connectorId: C, now: NOW })).week;
  expect(week.total).toBeGreaterThan(500);
  expect(week.total).toBeLessThan(700);
});

it("follows updates (a status, the counts, even the start moving to another hour) and upserts", async () => {
  await db().update(syncRuns).set({ status: "failed", pushedCount: 0 }).where(eq(syncRuns.status, "pending"));
  await db()
    .update(syncRuns)
    .set({ startedAt: sql`${syncRuns.startedAt} - interval '3 hours'`, pulledCount: sql`${syncRuns.pulledCount} + 7` })
    .where(sql`${syncRuns.id} % 5 = 0`);
  // The ingestion's idempotent upsert: the same external ids again, now ok.
  const again = await db().select().from(syncRuns).where(eq(syncRuns.serviceId, S1)).limit(50);
  await db()
    .insert(syncRuns)
    .values(again.map(({ id: _id, ...r }) => ({ ...r, status: "ok" as const, pulledCount: 99 })))
    .onConflictDoUpdate({
      target: [syncRuns.orgId, syncRuns.externalId],
      set: { status: sql`excluded.status`, pulledCount: sql`excluded.pulled_count` },
    });
  await expectTotalsAgree();
});

it("follows deletes, and a service deleted with its runs takes its hours with it", async () => {
  await db()
    .delete(syncRuns)
    .where(sql`${syncRuns.id} % 7 = 0`);
  await expectTotalsAgree();
  await db().delete(services).where(eq(services.id, S2));
  expect(await db().select().from(syncHourly).where(eq(syncHourly.serviceId, S2))).toEqual([]);
  await expectTotalsAgree();
});
