import { and, eq, gte, lte, or, type SQL, sql } from "drizzle-orm";
import { connectors, connectorSyncHourly, organisations, services, syncRuns, SYNC_STATUSES } from "@/db/schema";
import { getImpact, getSyncTotals } from "@/db/queries/connector-summary";
import { executeRows } from "@/db/queries/execute";
import { type SyncTotals, syncTotalsByConnector } from "@/db/queries/sync-totals";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";

/**
 * The totals read whole hours from connector_sync_hourly, which triggers on sync_runs and services keep. These tests
 * write runs every way the app does (insert, upsert, update, delete, a service moved or deleted, an organisation
 * deleted) and compare, at instants that cut hours anywhere, the totals with a count of the runs themselves, and the
 * roll-up with a grouping of the runs.
 */
const db = useTestDb();
const HOUR = 3_600_000;
const NOW = new Date(Math.floor(Date.now() / HOUR) * HOUR + 37 * 60_000 + 12_345); // 37 min 12.345 s into an hour
const INSTANTS = [
  NOW,
  new Date(NOW.getTime() - 37 * 60_000 - 12_345), // an hour boundary exactly
  new Date(NOW.getTime() - 5 * HOUR + 59_999),
];

let orgId: string, other: string;
let C: string, X: string, Y: string, OC: string;
let S1: string, S2: string, S3: string, SO: string, SX: string;
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

/** Runs of organisation A's services using the connector (joined with services), narrowed by `conditions`. */
const runsUsing = (connectorId: string, ...conditions: SQL[]) =>
  and(
    eq(syncRuns.orgId, orgId),
    eq(services.orgId, orgId),
    or(eq(services.sourceConnectorId, connectorId), eq(services.destinationConnectorId, connectorId)),
    ...conditions,
  );

/** The totals counted from the runs one by one, as the page defined them before the roll-up. */
async function countedFromRuns(connectorId: string, now: Date): Promise<{ day: SyncTotals; week: SyncTotals }> {
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
      runsUsing(
        connectorId,
        gte(syncRuns.startedAt, new Date(now.getTime() - 7 * 24 * HOUR)),
        lte(syncRuns.startedAt, now),
      ),
    );
  for (const r of rows)
    for (const t of r.startedAt.getTime() >= now.getTime() - 24 * HOUR ? [out.day, out.week] : [out.week]) {
      t.total += 1;
      t[r.status] += 1;
      t.pulled += r.pulled;
      t.pushed += r.pushed;
    }
  return out;
}

/** Rows where connector_sync_hourly differs from the runs grouped by connector, organisation, hour and status. */
async function hourlyMismatches(): Promise<number> {
  const [{ n }] = await executeRows<{ n: number }>(
    db(),
    sql`
    with expected as (
      select c.id as connector_id, r.org_id, date_trunc('hour', r.started_at, 'UTC') as hour, r.status,
             count(*)::int as runs, sum(r.pulled_count)::bigint as pulled, sum(r.pushed_count)::bigint as pushed
      from ${syncRuns} r
      join ${services} s on s.id = r.service_id and s.org_id = r.org_id
      cross join lateral (values (s.source_connector_id), (nullif(s.destination_connector_id, s.source_connector_id))) c(id)
      where c.id is not null
      group by 1, 2, 3, 4),
    kept as (select connector_id, org_id, hour, status, runs, pulled, pushed from ${connectorSyncHourly} where runs <> 0)
    select count(*)::int as n from ((select * from kept except select * from expected)
      union all (select * from expected except select * from kept)) d`,
  );
  return n;
}

async function expectTotalsAgree() {
  expect(await hourlyMismatches()).toBe(0);
  for (const now of INSTANTS) {
    const expected = await Promise.all([C, X, Y].map((id) => countedFromRuns(id, now)));
    expect(await getSyncTotals(db(), { orgId, connectorId: C, now })).toEqual(expected[0]);
    // The API's page of connectors asks for several at once: the same figures.
    const many = await syncTotalsByConnector(db(), { orgId, ids: [C, X, Y], now });
    expect([C, X, Y].map((id) => many.get(id))).toEqual(expected);
  }
}

beforeAll(async () => {
  ({ orgId } = await createOrganisation(db(), "Hourly A"));
  ({ orgId: other } = await createOrganisation(db(), "Hourly B"));
  const conn = (org: string, systemId: string) =>
    createConnector(db(), org, { systemId, authType: "api-key", credentials: { apiKey: "k" } }).then((c) => c.id);
  [C, X, Y] = [await conn(orgId, "shopify"), await conn(orgId, "netsuite"), await conn(orgId, "peoplevox")];
  OC = await conn(other, "shopify");
  const OX = await conn(other, "netsuite");
  const svc = async (org: string, name: string, source: string, destination: string) =>
    (
      await db()
        .insert(services)
        .values({ orgId: org, name, sourceConnectorId: source, destinationConnectorId: destination })
        .returning()
    )[0].id;
  [S1, S2, S3, SO, SX] = [
    await svc(orgId, "Orders", C, X),
    await svc(orgId, "Stock", X, C),
    await svc(orgId, "Loopback", C, C), // counts once for C
    await svc(other, "Foreign", OC, OX),
    // Another organisation's (corrupt) service pointing at C: its runs must never count for C.
    await svc(other, "Corrupt", C, OX),
  ];
  await db()
    .insert(syncRuns)
    .values([
      ...runsAround(S1, orgId, 400),
      ...runsAround(S2, orgId, 300),
      ...runsAround(S3, orgId, 150),
      ...runsAround(SO, other, 200),
      ...runsAround(SX, other, 100),
    ]);
});

it("counts inserted runs by whole hours plus the runs of the hours the windows cut", async () => {
  await expectTotalsAgree();
  const week = (await getSyncTotals(db(), { orgId, connectorId: C, now: NOW })).week;
  // 850 runs over 8 days and 10 minutes: about 7/8 of them in the week; none of the other organisation's.
  expect(week.total).toBeGreaterThan(650);
  expect(week.total).toBeLessThan(850);
  expect(await db().select().from(connectorSyncHourly).where(eq(connectorSyncHourly.connectorId, OC))).not.toHaveLength(
    0,
  );
});

it("follows updates (a status, the counts, even the start moving to another hour) and upserts", async () => {
  await db().update(syncRuns).set({ status: "failed", pushedCount: 0 }).where(eq(syncRuns.status, "pending"));
  await db()
    .update(syncRuns)
    .set({ startedAt: sql`${syncRuns.startedAt} - interval '3 hours'`, pulledCount: sql`${syncRuns.pulledCount} + 7` })
    .where(sql`${syncRuns.id} % 5 = 0`);
  // The ingestion's idempotent upsert: the same external ids again, now ok, plus new ones in the same statement.
  const again = await db().select().from(syncRuns).where(eq(syncRuns.serviceId, S1)).limit(50);
  await db()
    .insert(syncRuns)
    .values([
      ...again.map((r) => ({
        orgId: r.orgId,
        serviceId: r.serviceId,
        externalId: r.externalId,
        startedAt: r.startedAt,
        status: "ok" as const,
        pulledCount: 99,
        pushedCount: r.pushedCount,
      })),
      ...runsAround(S2, orgId, 20),
    ])
    .onConflictDoUpdate({
      target: [syncRuns.orgId, syncRuns.externalId],
      set: { status: sql`excluded.status`, pulledCount: sql`excluded.pulled_count` },
    });
  await expectTotalsAgree();
});

it("counts the syncs failed since an outage began from the same hours, wherever the outage began", async () => {
  const failedSince = async (since: Date) =>
    (
      await db()
        .select({ id: syncRuns.id })
        .from(syncRuns)
        .innerJoin(services, eq(services.id, syncRuns.serviceId))
        .where(runsUsing(C, eq(syncRuns.status, "failed"), gte(syncRuns.startedAt, since)))
    ).length;
  const thisHour = new Date(Math.floor(NOW.getTime() / HOUR) * HOUR);
  const midHour = new Date(NOW.getTime() - 36 * HOUR - 17 * 60_000);
  // Failed runs right around each instant below, so an edge counted twice or left out shows.
  const edges = [midHour, new Date(thisHour.getTime() - 5 * HOUR), new Date(thisHour.getTime() + 60_000), thisHour];
  await db()
    .insert(syncRuns)
    .values(
      edges.flatMap((t) =>
        [-1000, 0, 1000].map((d) => ({
          orgId,
          serviceId: S1,
          externalId: `edge-${++seq}`,
          startedAt: new Date(t.getTime() + d),
          status: "failed" as const,
        })),
      ),
    );
  // Mid-hour days ago, on an hour exactly, within the current hour, after now (none), and before every run.
  for (const since of [
    midHour,
    new Date(thisHour.getTime() - 5 * HOUR),
    new Date(thisHour.getTime() + 60_000),
    new Date(NOW.getTime() + HOUR),
    new Date(NOW.getTime() - 30 * 24 * HOUR),
  ]) {
    await db().update(connectors).set({ status: "unreachable", statusSince: since }).where(eq(connectors.id, C));
    const impact = await getImpact(db(), { orgId, connectorId: C, now: NOW });
    expect(impact?.failedSyncs).toBe(await failedSince(since));
  }
  expect((await getImpact(db(), { orgId, connectorId: C, now: NOW }))?.failedSyncs).toBeGreaterThan(50);
});

it("follows a service moved to other connectors", async () => {
  // Orders now flows from Y to C (C stays, as destination); Loopback stops being one (C to Y).
  await db().update(services).set({ sourceConnectorId: Y, destinationConnectorId: C }).where(eq(services.id, S1));
  await db().update(services).set({ destinationConnectorId: Y }).where(eq(services.id, S3));
  await expectTotalsAgree();
  expect((await getSyncTotals(db(), { orgId, connectorId: Y, now: NOW })).week.total).toBeGreaterThan(0);
});

it("follows deletes, and a service deleted takes its runs' counts with it", async () => {
  await db()
    .delete(syncRuns)
    .where(sql`${syncRuns.id} % 7 = 0`);
  await expectTotalsAgree();
  await db().delete(services).where(eq(services.id, S2));
  expect(await db().select().from(syncRuns).where(eq(syncRuns.serviceId, S2))).toEqual([]);
  await expectTotalsAgree();
});

it("lets an organisation go with its connectors, services, runs and counts", async () => {
  await db().delete(organisations).where(eq(organisations.id, other));
  // Its own connectors' rows went with them; what its corrupt service had counted for C is back to zero.
  const left = await db().select().from(connectorSyncHourly).where(eq(connectorSyncHourly.orgId, other));
  expect(left.every((r) => r.connectorId === C && r.runs === 0 && r.pulled === 0 && r.pushed === 0)).toBe(true);
  await expectTotalsAgree();
});
