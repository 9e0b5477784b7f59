import { sql } from "drizzle-orm";
import { services, syncRuns, type SyncStatus } from "@/db/schema";
import { countSyncReport, iterateSyncReport, listSyncReport } from "@/db/queries/sync-report";
import { parseReportFilters } from "@/lib/sync-reports/filters";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";

const db = useTestDb();
const NOW = new Date("2025-03-10T15:30:00Z");
let A: string, C: string;
const ids: Record<string, number> = {};
const ref: Record<string, string> = {};

// Known answers: the default window is 2025-03-06 00:00 to 2025-03-11 00:00 (UTC), newest first, ties by id.
beforeAll(async () => {
  ({ orgId: A } = await createOrganisation(db(), "Report A"));
  const { orgId: B } = await createOrganisation(db(), "Report B");
  ({ orgId: C } = await createOrganisation(db(), "Report C"));
  const conn = async (orgId: string, systemId: string, name: string) =>
    (ref[name] = (
      await createConnector(db(), orgId, { systemId, authType: "token", credentials: { k: "v" }, name })
    ).id);
  const svc = async (orgId: string, name: string, s: string, d: string) =>
    (ref[name] = (
      await db().insert(services).values({ orgId, name, sourceConnectorId: s, destinationConnectorId: d }).returning()
    )[0].id);
  const [shop, erp, wms] = [
    await conn(A, "shopify", "Shop"),
    await conn(A, "netsuite", "ERP"),
    await conn(A, "peoplevox", "WMS"),
  ];
  const [S1, S2, S3] = [
    await svc(A, "Orders", shop, erp),
    await svc(A, "Picks", erp, wms),
    await svc(A, "Despatches", wms, erp),
  ];
  const SB = await svc(B, "Theirs", await conn(B, "shopify", "Their shop"), await conn(B, "netsuite", "Their ERP"));
  const SC = await svc(C, "Micro", await conn(C, "shopify", "C shop"), await conn(C, "netsuite", "C ERP"));

  const runs: [
    key: string,
    serviceId: string,
    orgId: string,
    startedAt: string,
    status: SyncStatus,
    externalId: string,
  ][] = [
    ["r1", S1, A, "2025-03-10T10:00:00Z", "ok", "ORD-100"],
    ["r2", S1, A, "2025-03-09T23:59:59.999Z", "failed", "ORD-101"],
    ["r3", S2, A, "2025-03-06T00:00:00Z", "failed", "PICK-1"], // the first instant of the window: in
    ["r4", S2, A, "2025-03-05T23:59:59.999Z", "pending", "PICK-2"], // the last instant before it: out
    ["r5", S3, A, "2025-03-08T12:00:00Z", "sent", "DES_1"],
    ["r6", S3, A, "2025-03-08T12:00:00Z", "ok", "DESX1"], // same start as r5: ordered by id
    ["r7", S1, A, "2025-03-11T00:00:00Z", "ok", "ORD-102"], // the first instant after the window: out
    ["r8", S1, A, "2025-02-20T08:00:00Z", "failed", "ORD-050"],
    ["rB", SB, B, "2025-03-09T08:00:00Z", "failed", "ORD-100"], // same external id, other organisation
  ];
  for (const [key, serviceId, orgId, startedAt, status, externalId] of runs) {
    const [row] = await db()
      .insert(syncRuns)
      .values({ serviceId, orgId, startedAt: new Date(startedAt), finishedAt: new Date(startedAt), status, externalId })
      .returning({ id: syncRuns.id });
    ids[key] = row.id;
  }
  // Starts that differ only in microseconds, which a JavaScript Date cannot hold: the keyset must still be exact.
  for (const [i, us] of ["000003", "000001", "000002", "000002"].entries()) {
    await db().execute(
      sql`insert into sync_runs (org_id, service_id, external_id, started_at, status) values (${C}, ${SC}, ${`micro-${i}`}, ${`2025-03-09T10:00:00.${us}Z`}::timestamptz, 'ok')`,
    );
  }
});

const keysOf = async (query: string, orgId = A) => {
  const { rows } = await listSyncReport(db(), {
    orgId,
    filters: parseReportFilters(new URLSearchParams(query), NOW),
    pageSize: 100,
  });
  return rows.map((r) => Object.keys(ids).find((k) => ids[k] === r.id));
};

it("shows the default window newest first, bounds included and excluded as [start, end), one organisation only", async () => {
  expect(await keysOf("")).toEqual(["r1", "r2", "r6", "r5", "r3"]);
  expect(await keysOf("from=2025-03-05&to=2025-03-05")).toEqual(["r4"]);
  expect(await keysOf("from=2025-02-20&to=2025-03-11")).toEqual(["r7", "r1", "r2", "r6", "r5", "r3", "r4"]); // clamped to 15 days: r8 out
});

it("filters by status, system (either end), connector (either end) and service", async () => {
  expect(await keysOf("status=failed")).toEqual(["r2", "r3"]);
  expect(await keysOf("system=shopify")).toEqual(["r1", "r2"]);
  expect(await keysOf("system=peoplevox")).toEqual(["r6", "r5", "r3"]);
  expect(await keysOf("system=netsuite&status=ok")).toEqual(["r1", "r6"]);
  expect(await keysOf("system=veeqo")).toEqual([]);
  expect(await keysOf(`connector=${ref.WMS}`)).toEqual(["r6", "r5", "r3"]);
  expect(await keysOf(`connector=${ref["Their shop"]}`)).toEqual([]); // another organisation's connector matches nothing
  expect(await keysOf(`service=${ref.Despatches}`)).toEqual(["r6", "r5"]);
});

it("searches external ids by exact value or prefix, with % and _ taken literally", async () => {
  expect(await keysOf("q=ORD-10")).toEqual(["r1", "r2"]);
  expect(await keysOf("q=ORD-100")).toEqual(["r1"]);
  expect(await keysOf("q=DES_")).toEqual(["r5"]);
  expect(await keysOf("q=%25")).toEqual([]);
  expect(await keysOf("q=ord")).toEqual([]); // ids are case-sensitive, like the systems that issue them
});

it("pages by keyset in both directions", async () => {
  const filters = parseReportFilters(new URLSearchParams(""), NOW);
  const page = (cursor = {}) => listSyncReport(db(), { orgId: A, filters, cursor, pageSize: 2 });
  const p1 = await page();
  expect([p1.rows.map((r) => r.id), p1.hasNewer, p1.hasOlder]).toEqual([[ids.r1, ids.r2], false, true]);
  const p2 = await page({ before: ids.r2 });
  expect([p2.rows.map((r) => r.id), p2.hasNewer, p2.hasOlder]).toEqual([[ids.r6, ids.r5], true, true]);
  const p3 = await page({ before: ids.r5 });
  expect([p3.rows.map((r) => r.id), p3.hasOlder]).toEqual([[ids.r3], false]);
  const back = await page({ after: ids.r3 });
  expect([back.rows.map((r) => r.id), back.hasNewer, back.hasOlder]).toEqual([[ids.r6, ids.r5], true, true]);
  const top = await page({ after: ids.r6 });
  expect([top.rows.map((r) => r.id), top.hasNewer]).toEqual([[ids.r1, ids.r2], false]);
  // A cursor from another organisation is no position at all.
  expect((await listSyncReport(db(), { orgId: C, filters, cursor: { before: ids.r1 } })).rows).toEqual([]);
});

it("keeps microsecond ties in order and visits every row once, a page at a time", async () => {
  const filters = parseReportFilters(new URLSearchParams("from=2025-03-09&to=2025-03-09"), NOW);
  const seen: string[] = [];
  for await (const row of iterateSyncReport(db(), { orgId: C, filters, batchSize: 1 })) seen.push(row.externalId);
  expect(seen).toEqual(["micro-0", "micro-3", "micro-2", "micro-1"]);
});

it("counts matches up to a cap", async () => {
  const filters = parseReportFilters(new URLSearchParams(""), NOW);
  expect(await countSyncReport(db(), { orgId: A, filters })).toEqual({ count: 5, capped: false });
  expect(await countSyncReport(db(), { orgId: A, filters, cap: 3 })).toEqual({ count: 3, capped: true });
  expect(await countSyncReport(db(), { orgId: A, filters, cap: 5 })).toEqual({ count: 5, capped: false });
});

it("joins each row to its service and both connectors", async () => {
  const { rows } = await listSyncReport(db(), {
    orgId: A,
    filters: parseReportFilters(new URLSearchParams("q=PICK-1"), NOW),
  });
  expect(rows[0]).toMatchObject({
    serviceName: "Picks",
    sourceName: "ERP",
    sourceSystemId: "netsuite",
    destinationName: "WMS",
    destinationSystemId: "peoplevox",
    environment: "live",
    status: "failed",
  });
});
