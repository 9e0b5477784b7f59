import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import fc from "fast-check";
import { foldConnectorCounts, keptConnectorCounts } from "@/db/queries/connector-counts";
import { countConnectorsForList } from "@/db/queries/connectors";
import {
  companyGroups,
  CONNECTOR_STATUSES,
  connectorCounts,
  connectors,
  type ConnectorStatus,
  ENVIRONMENTS,
  type Environment,
  organisations,
} from "@/db/schema";
import { runHealthSweep } from "@/lib/checks/sweep";
import { useTestDb } from "../../helpers/db";
import { createOrganisation } from "../../helpers/factories";
import { fakeSystem } from "../../helpers/fake-systems";
import { addFakeConnectors, sweepWith } from "../../helpers/health";
import { type Emulator, json, startEmulator } from "../../helpers/vendor-mock";

const db = useTestDb();

/** Each organisation's connectors counted now (zeros left out). */
async function actual(orgIds: string[]) {
  const rows = await db()
    .select({
      orgId: connectors.orgId,
      environment: connectors.environment,
      status: connectors.status,
      n: sql<number>`count(*)::int`,
    })
    .from(connectors)
    .where(inArray(connectors.orgId, orgIds))
    .groupBy(connectors.orgId, connectors.environment, connectors.status);
  return rows.map((r) => `${r.orgId} ${r.environment} ${r.status} ${r.n}`).sort();
}
/** What the list reads (keptConnectorCounts), in the same form. */
async function kept(orgIds: string[]) {
  const rows = [];
  for (const orgId of orgIds)
    for (const r of await keptConnectorCounts(db(), { orgId }))
      if (r.n !== 0) rows.push(`${orgId} ${r.environment} ${r.status} ${r.n}`);
  return rows.sort();
}
const rowsOf = async (orgId: string) =>
  (await db().select().from(connectorCounts).where(eq(connectorCounts.orgId, orgId))).length;

/** Bare rows, many per statement: the triggers must count whatever writes them, not only the product's functions. */
async function insertConnectors(orgId: string, specs: { environment: Environment; status: ConnectorStatus }[]) {
  if (specs.length === 0) return;
  const [group] = await db().select().from(companyGroups).where(eq(companyGroups.orgId, orgId)).limit(1);
  await db()
    .insert(connectors)
    .values(
      specs.map((s) => ({
        orgId,
        companyGroupId: group.id,
        systemId: `count-${randomUUID()}`,
        authType: "token",
        environment: s.environment,
        status: s.status,
        name: `Counted ${randomUUID()}`,
        credentials: "not-an-envelope",
        credentialsKeyId: "k1",
      })),
    );
}

const statusArb = fc.constantFrom(...CONNECTOR_STATUSES);
const envArb = fc.constantFrom(...ENVIRONMENTS);
const opArb = fc.oneof(
  fc.record({
    op: fc.constant("insert" as const),
    org: fc.nat(1),
    rows: fc.array(fc.record({ environment: envArb, status: statusArb }), { maxLength: 6 }),
  }),
  // A subset of the connectors (picked by a seed) set to one status, or to a status each, in one statement.
  fc.record({ op: fc.constant("status" as const), pick: fc.nat(), to: statusArb, each: fc.boolean() }),
  fc.record({ op: fc.constant("environment" as const), pick: fc.nat() }),
  // A statement that changes no status: leases, names, nothing counted.
  fc.record({ op: fc.constant("touch" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("fold" as const) }),
);

describe("connector_counts: the list's counts kept by triggers on connectors", () => {
  it("equal the connectors after any sequence of inserts, status and environment changes and deletes", async () => {
    const orgs = [(await createOrganisation(db())).orgId, (await createOrganisation(db())).orgId];
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const o of ops) {
          if (o.op === "insert") {
            await insertConnectors(orgs[o.org], o.rows);
            continue;
          }
          if (o.op === "fold") {
            await foldConnectorCounts(db());
            for (const org of orgs) expect(await rowsOf(org)).toBeLessThanOrEqual(8);
            continue;
          }
          const all = await db()
            .select({ id: connectors.id })
            .from(connectors)
            .where(inArray(connectors.orgId, orgs))
            .orderBy(connectors.id);
          // Every connector whose place in the order shares a bit with the seed: a different subset per seed.
          const ids = all.filter((_, i) => ((o.pick >> (i % 8)) & 1) === 1).map((r) => r.id);
          if (ids.length === 0) continue;
          const these = inArray(connectors.id, ids);
          if (o.op === "status")
            await db()
              .update(connectors)
              .set({
                status: o.each
                  ? sql`(array['unknown','operational','unreachable','auth_failed'])[1 + abs(hashtext(${connectors.id}::text)) % 4]::connector_status`
                  : o.to,
              })
              .where(these);
          else if (o.op === "environment")
            await db()
              .update(connectors)
              .set({
                environment: sql`case ${connectors.environment} when 'live' then 'test' else 'live' end::environment`,
              })
              .where(these);
          else if (o.op === "touch")
            await db()
              .update(connectors)
              .set({ leaseUntil: sql`now()`, status: sql`${connectors.status}` })
              .where(these);
          else await db().delete(connectors).where(these);
        }
        const now = await actual(orgs);
        expect(await kept(orgs)).toEqual(now);
        if (now.length > 0) compared++;
      }),
      { numRuns: 25 },
    );
    expect(compared).toBeGreaterThan(5); // the sequences left connectors to count, not only empty organisations
  });

  it("follow the sweep's recorded results, and the list reads them", async () => {
    const emu: Emulator = await startEmulator((req, res) => json(res, req.path === "/bad" ? 401 : 200, {}));
    try {
      const { orgId } = await createOrganisation(db());
      await addFakeConnectors(db(), orgId, 5, (i) => ({
        url: `${emu.origin}/${i < 2 ? "bad" : "ok"}`,
        token: "t0ken-value",
      }));
      expect(await countConnectorsForList(db(), { orgId, environment: "live" })).toMatchObject({
        overview: { unknown: 5, operational: 0, auth_failed: 0 },
      });
      expect(await runHealthSweep(db(), sweepWith(fakeSystem(), { intervalMs: 300_000 }))).toMatchObject({
        changed: 5,
      });
      expect(await countConnectorsForList(db(), { orgId, environment: "live" })).toEqual({
        tabs: { live: 5, test: 0 },
        overview: { unreachable: 0, auth_failed: 2, unknown: 0, operational: 3 },
        totals: { live: 5, test: 0 },
      });
      expect(await kept([orgId])).toEqual(await actual([orgId]));
    } finally {
      await emu.close();
    }
  });

  it("stay right under concurrent writers changing statuses both ways, several connectors per statement", async () => {
    const { orgId } = await createOrganisation(db());
    await insertConnectors(
      orgId,
      Array.from({ length: 40 }, (_, i) => ({
        environment: i % 3 ? "live" : "test",
        status: CONNECTOR_STATUSES[i % 4],
      })),
    );
    const ids = (await db().select({ id: connectors.id }).from(connectors).where(eq(connectors.orgId, orgId))).map(
      (r) => r.id,
    );
    // Each writer moves its own connectors through every status, in transactions of two statements. Adding to shared
    // count rows instead of appending deadlocked here: one transaction held a row another's second statement needed.
    const writer = (mine: string[], order: ConnectorStatus[]) =>
      (async () => {
        for (let round = 0; round < 12; round++)
          await db().transaction(async (tx) => {
            for (const [k, half] of [mine.slice(0, 5), mine.slice(5)].entries())
              await tx
                .update(connectors)
                .set({ status: order[(round + k) % order.length] })
                .where(inArray(connectors.id, half));
          });
      })();
    await Promise.all([
      writer(ids.slice(0, 10), [...CONNECTOR_STATUSES]),
      writer(ids.slice(10, 20), [...CONNECTOR_STATUSES].reverse()),
      writer(ids.slice(20, 30), ["auth_failed", "unknown", "unreachable", "operational"]),
      writer(ids.slice(30), ["operational", "unreachable", "unknown", "auth_failed"]),
      // Two folds at a time, meanwhile: each appended row is folded once, whichever sees it.
      (async () => {
        for (let i = 0; i < 12; i++) await Promise.all([foldConnectorCounts(db()), foldConnectorCounts(db())]);
      })(),
    ]);
    expect(await kept([orgId])).toEqual(await actual([orgId]));
    expect(await rowsOf(orgId)).toBeGreaterThan(8); // the writers' last rows, not folded yet
    await foldConnectorCounts(db());
    expect(await rowsOf(orgId)).toBeLessThanOrEqual(8);
    expect(await kept([orgId])).toEqual(await actual([orgId]));
  });

  it("go with their organisation: deleting one with connectors leaves no counts and fails nothing", async () => {
    const { orgId } = await createOrganisation(db());
    await insertConnectors(orgId, [
      { environment: "live", status: "operational" },
      { environment: "test", status: "unreachable" },
    ]);
    expect(await kept([orgId])).toHaveLength(2);
    await db().delete(organisations).where(eq(organisations.id, orgId));
    expect(await db().select().from(connectorCounts).where(eq(connectorCounts.orgId, orgId))).toEqual([]);
  });
});
