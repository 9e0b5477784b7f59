import { eq } from "drizzle-orm";
import {
  auditEvents,
  connectors,
  healthChecks,
  healthDaily,
  services,
  statusEvents,
  syncRuns,
  type SyncStatus,
} from "@/db/schema";
import { getLatencySeries, getTimeline, getUptime } from "@/db/queries/connector-history";
import {
  getImpact,
  getSyncRun,
  getSyncTotals,
  listConnectorServices,
  listFailedSyncs,
  summariseError,
} from "@/db/queries/connector-summary";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";

const db = useTestDb();
const NOW = new Date();
const ago = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const utcDay = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString().slice(0, 10);
let ext = 0;

// One organisation with a connector C used by services in every direction, plus data that must never count:
// an unrelated service, and another organisation whose (corrupt) service points at C.
let A: string, B: string, C: string, X: string;
beforeAll(async () => {
  ({ orgId: A } = await createOrganisation(db(), "Summary A"));
  ({ orgId: B } = await createOrganisation(db(), "Summary B"));
  const conn = (orgId: string, systemId: string) =>
    createConnector(db(), orgId, { systemId, authType: "api-key", credentials: { apiKey: "k" } }).then((c) => c.id);
  [C, X] = [await conn(A, "shopify"), await conn(A, "netsuite")];
  const Y = await conn(A, "peoplevox");
  const BC = await conn(B, "veeqo");
  const svc = async (orgId: string, name: string, source: string, destination: string, active = true) =>
    (
      await db()
        .insert(services)
        .values({ orgId, name, sourceConnectorId: source, destinationConnectorId: destination, active })
        .returning()
    )[0].id;
  const S1 = await svc(A, "Orders", C, X);
  const S2 = await svc(A, "Stock", X, C);
  const S3 = await svc(A, "Loopback", C, C);
  const S4 = await svc(A, "Unrelated", X, Y);
  const S5 = await svc(A, "Old refunds", Y, C, false);
  const SB = await svc(B, "Foreign", C, BC);

  type Run = [
    serviceId: string,
    orgId: string,
    hoursAgo: number,
    status: SyncStatus,
    pulled: number,
    pushed: number,
    error?: string,
  ];
  const runs: Run[] = [
    [S1, A, 1, "ok", 10, 10],
    [S1, A, 2, "failed", 5, 0, "\nNetSuite rejected the order\n  at push (netsuite.ts:10)"],
    [S1, A, 23, "sent", 3, 3],
    [S1, A, 25, "pending", 4, 2],
    [S1, A, 100, "ok", 7, 7],
    [S1, A, 200, "failed", 1, 0, "old failure"],
    [S2, A, 3, "ok", 6, 6],
    [S2, A, 30, "failed", 2, 0, "stock rejected"],
    [S3, A, 5, "failed", 1, 1, "x".repeat(500)],
    [S3, A, 6, "ok", 8, 8],
    [S4, A, 1, "failed", 99, 99, "unrelated"],
    [S5, A, 50, "failed", 0, 0, null as unknown as string],
    [SB, B, 1, "failed", 50, 50, "other organisation"],
    // Old failures (outside 7 days) to fill a second page.
    ...Array.from({ length: 21 }, (_, i): Run => [S3, A, 300 + i, "failed", 0, 0, `page filler ${i}`]),
  ];
  await db()
    .insert(syncRuns)
    .values(
      runs.map(([serviceId, orgId, h, status, pulledCount, pushedCount, errorMessage]) => ({
        serviceId,
        orgId,
        externalId: `ext-${++ext}`,
        startedAt: ago(h),
        finishedAt: ago(h - 0.1),
        status,
        pulledCount,
        pushedCount,
        errorMessage,
      })),
    );

  const check = (
    hoursAgo: number,
    status: "operational" | "unreachable" | "auth_failed",
    latencyMs: number,
    throttled = false,
  ) => ({ orgId: A, connectorId: C, checkedAt: ago(hoursAgo), status, latencyMs, throttled, reason: status });
  await db()
    .insert(healthChecks)
    .values([
      check(1, "operational", 100),
      check(2, "operational", 200),
      check(3, "unreachable", 5000),
      check(4, "operational", 50, true),
      check(30, "operational", 300),
      check(50, "auth_failed", 400),
      check(240, "operational", 100),
      check(300, "operational", 100),
      check(400, "operational", 100),
    ]);
  await db()
    .insert(healthDaily)
    .values([
      { connectorId: C, day: utcDay(40), checks: 10, failures: 5 },
      { connectorId: C, day: utcDay(100), checks: 100, failures: 0 },
    ]);

  await db()
    .update(connectors)
    // Days before the last 30 rolled up, as retention leaves them (db/queries/health-retention.ts).
    .set({ status: "auth_failed", statusSince: ago(10), healthRolledThrough: utcDay(31) })
    .where(eq(connectors.id, C));
  await db()
    .update(connectors)
    .set({ status: "operational", statusSince: ago(10) })
    .where(eq(connectors.id, X));
  await db()
    .insert(statusEvents)
    .values([
      {
        orgId: A,
        connectorId: C,
        at: ago(48),
        fromStatus: "unknown",
        toStatus: "operational",
        reason: "ok",
        message: "Connected",
      },
      {
        orgId: A,
        connectorId: C,
        at: ago(10),
        fromStatus: "operational",
        toStatus: "auth_failed",
        reason: "auth",
        message: "Token rejected",
      },
    ]);
  await db()
    .insert(auditEvents)
    .values([
      { orgId: A, connectorId: C, at: ago(72), actorName: "Ada", action: "connector.created", summary: "Created" },
      {
        orgId: A,
        connectorId: C,
        at: ago(10),
        actorName: "Jane",
        action: "connector.credentials_changed",
        summary: "Changed credentials",
        fields: ["accessToken"],
      },
      { orgId: A, connectorId: C, at: ago(5), actorName: "Ada", action: "connector.updated", summary: "Renamed" },
      { orgId: B, connectorId: C, at: ago(1), actorName: "Mallory", action: "connector.updated", summary: "Not yours" },
    ]);
});

describe("sync totals", () => {
  it("counts each status and transaction over 24 hours and 7 days, each service once, this organisation only", async () => {
    const totals = await getSyncTotals(db(), { orgId: A, connectorId: C, now: NOW });
    expect(totals.day).toEqual({ total: 6, ok: 3, sent: 1, pending: 0, failed: 2, pulled: 33, pushed: 28 });
    expect(totals.week).toEqual({ total: 10, ok: 4, sent: 1, pending: 1, failed: 4, pulled: 46, pushed: 37 });
  });

  it("is all zeros for another organisation asking about this connector", async () => {
    const zero = { total: 0, ok: 0, sent: 0, pending: 0, failed: 0, pulled: 0, pushed: 0 };
    expect(await getSyncTotals(db(), { orgId: B, connectorId: X, now: NOW })).toEqual({ day: zero, week: zero });
  });
});

it("lists the services using the connector with their direction", async () => {
  expect(await listConnectorServices(db(), { orgId: A, connectorId: C })).toEqual([
    expect.objectContaining({ name: "Loopback", direction: "both", active: true }),
    expect.objectContaining({ name: "Old refunds", direction: "destination", active: false }),
    expect.objectContaining({ name: "Orders", direction: "source", active: true }),
    expect.objectContaining({ name: "Stock", direction: "destination", active: true }),
  ]);
  expect(await listConnectorServices(db(), { orgId: B, connectorId: X })).toEqual([]);
});

describe("failed syncs", () => {
  it("pages newest first with the service, direction and a one-line summary", async () => {
    const first = await listFailedSyncs(db(), { orgId: A, connectorId: C });
    expect(first).toMatchObject({ total: 26, page: 1, pageCount: 6, pageSize: 5 });
    expect(first.rows).toHaveLength(5);
    expect(first.rows.slice(0, 5).map((r) => [r.serviceName, r.direction])).toEqual([
      ["Orders", "source"],
      ["Loopback", "both"],
      ["Stock", "destination"],
      ["Old refunds", "destination"],
      ["Orders", "source"],
    ]);
    expect(first.rows[0]).toMatchObject({
      errorSummary: "NetSuite rejected the order",
      errorMessage: expect.stringContaining("netsuite.ts:10"),
    });
    expect(first.rows[1].errorSummary).toHaveLength(160);
    expect(first.rows[3].errorSummary).toBe("No error message was reported.");
    const last = await listFailedSyncs(db(), { orgId: A, connectorId: C, page: 6 });
    expect(last.rows.map((r) => r.errorSummary)).toEqual(["page filler 20"]);
    expect((await listFailedSyncs(db(), { orgId: A, connectorId: C, page: 99 })).page).toBe(6);
    expect(await listFailedSyncs(db(), { orgId: B, connectorId: X })).toMatchObject({
      total: 0,
      rows: [],
      page: 1,
      pageCount: 1,
    });
  });

  it("gives every failed run once over the pages, newest first across services, ties in id order", async () => {
    const { orgId } = await createOrganisation(db(), "Summary pages");
    const conn = (systemId: string) =>
      createConnector(db(), orgId, { systemId, authType: "api-key", credentials: { apiKey: "k" } }).then((c) => c.id);
    const [hub, a, b] = [await conn("netsuite"), await conn("shopify"), await conn("magento")];
    const made = await db()
      .insert(services)
      .values([
        { orgId, name: "In A", sourceConnectorId: a, destinationConnectorId: hub },
        { orgId, name: "In B", sourceConnectorId: b, destinationConnectorId: hub },
        { orgId, name: "Out", sourceConnectorId: hub, destinationConnectorId: a },
      ])
      .returning();
    // 37 failures, most of them of one service, four at a time started at the same instant: ties within a service
    // and across services, and on the edge of what a page takes from one service.
    await db()
      .insert(syncRuns)
      .values(
        Array.from({ length: 37 }, (_, i) => ({
          serviceId: made[i % 6 === 5 ? 1 + (i % 2) : 0].id,
          orgId,
          externalId: `page-${i}`,
          startedAt: ago(1 + Math.floor(i / 4)),
          status: "failed" as const,
        })),
      );
    const all = await db().select().from(syncRuns).where(eq(syncRuns.orgId, orgId));
    const expected = all
      .sort((x, y) => y.startedAt.getTime() - x.startedAt.getTime() || y.id - x.id)
      .map((r) => r.externalId);
    const seen: string[] = [];
    // Twice over: Postgres settles on a generic plan for a statement kept prepared after five runs.
    for (let round = 0; round < 2; round++)
      for (let page = 1; page <= 8; page++) {
        const got = await listFailedSyncs(db(), { orgId, connectorId: hub, page });
        if (round === 0) seen.push(...got.rows.map((r) => r.externalId));
        else expect(got.rows.map((r) => r.externalId)).toEqual(expected.slice((page - 1) * 5, page * 5));
      }
    expect(seen).toEqual(expected);
  });

  it("opens one sync with its whole error, only through a connector of its service, in its organisation", async () => {
    const [newest] = (await listFailedSyncs(db(), { orgId: A, connectorId: C })).rows;
    expect(await getSyncRun(db(), { orgId: A, connectorId: C, runId: newest.id })).toMatchObject({
      id: newest.id,
      externalId: newest.externalId,
      status: "failed",
      serviceName: "Orders",
      direction: "source",
      pulledCount: 5,
      pushedCount: 0,
      errorMessage: "\nNetSuite rejected the order\n  at push (netsuite.ts:10)",
    });
    // The same run through the service's other connector, where it is a destination.
    expect(await getSyncRun(db(), { orgId: A, connectorId: X, runId: newest.id })).toMatchObject({
      direction: "destination",
    });
    // Not through an unrelated connector, nor from another organisation, nor a run that does not exist.
    const [unrelated] = await db().select().from(syncRuns).where(eq(syncRuns.errorMessage, "unrelated"));
    expect(await getSyncRun(db(), { orgId: A, connectorId: C, runId: unrelated.id })).toBeUndefined();
    expect(await getSyncRun(db(), { orgId: B, connectorId: C, runId: newest.id })).toBeUndefined();
    const [foreign] = await db().select().from(syncRuns).where(eq(syncRuns.errorMessage, "other organisation"));
    expect(await getSyncRun(db(), { orgId: A, connectorId: C, runId: foreign.id })).toBeUndefined();
    expect(await getSyncRun(db(), { orgId: A, connectorId: C, runId: 2 ** 40 })).toBeUndefined();
  });

  it("lists a period, and takes a count already known (the summary's from its totals) rather than counting again", async () => {
    const recent = await listFailedSyncs(db(), { orgId: A, connectorId: C, since: ago(24 * 7), until: ago(1.5) });
    expect(recent.rows.map((r) => r.serviceName)).toEqual(["Orders", "Loopback", "Stock", "Old refunds"]);
    expect(recent.total).toBe(4);
    const told = await listFailedSyncs(db(), { orgId: A, connectorId: C, since: ago(24 * 7), total: 12 });
    expect(told).toMatchObject({ total: 12, pageCount: 3 });
  });

  it("summarises errors to their first non-blank line", () => {
    expect(summariseError("  \n first \nsecond")).toBe("first");
    expect(summariseError(null)).toBe("No error message was reported.");
  });
});

it("counts the syncs that failed since the connector stopped being operational", async () => {
  expect(await getImpact(db(), { orgId: A, connectorId: C })).toEqual({
    status: "auth_failed",
    since: ago(10),
    failedSyncs: 2,
  });
  expect(await getImpact(db(), { orgId: A, connectorId: X })).toBeNull();
  expect(await getImpact(db(), { orgId: B, connectorId: C })).toBeNull();
});

describe("status history", () => {
  it("computes uptime from non-throttled checks, adding daily roll-ups for long windows", async () => {
    const uptime = await getUptime(db(), { orgId: A, connectorId: C, now: NOW, windows: ["24h", "7d", "30d", "90d"] });
    expect(uptime["24h"]).toBeCloseTo((2 / 3) * 100, 6);
    expect(uptime["7d"]).toBeCloseTo(60, 6);
    expect(uptime["30d"]).toBeCloseTo(75, 6);
    expect(uptime["90d"]).toBeCloseTo((11 / 18) * 100, 6);
    expect(await getUptime(db(), { orgId: A, connectorId: X, now: NOW })).toEqual({
      "24h": null,
      "7d": null,
      "30d": null,
    });
    expect(await getUptime(db(), { orgId: B, connectorId: C, now: NOW, windows: ["90d"] })).toEqual({ "90d": null });
  });

  it("buckets latency by hour, oldest first, flagging failed checks", async () => {
    const series = await getLatencySeries(db(), { orgId: A, connectorId: C, timeZone: "Europe/London", now: NOW });
    expect(series.map((p) => p.avgMs)).toEqual([400, 300, 50, 5000, 200, 100]);
    expect(series.map((p) => p.failures)).toEqual([1, 0, 0, 1, 0, 0]);
    expect(series[5]).toMatchObject({ checks: 1, p95Ms: 100 });
    expect(series[0].at.getTime()).toBeLessThan(series[1].at.getTime());
    const zone = { timeZone: "Europe/London", now: NOW };
    expect(await getLatencySeries(db(), { orgId: A, connectorId: C, ...zone, hours: 24 })).toHaveLength(4);
    expect(await getLatencySeries(db(), { orgId: B, connectorId: C, ...zone })).toEqual([]);
  });

  it("merges status changes with settings changes, newest first, a status change above the change behind it", async () => {
    const timeline = await getTimeline(db(), { orgId: A, connectorId: C });
    expect(
      timeline.map((e) => (e.kind === "status" ? `${e.fromStatus}>${e.toStatus}` : `${e.actorName}:${e.summary}`)),
    ).toEqual([
      "Ada:Renamed",
      "operational>auth_failed",
      "Jane:Changed credentials",
      "unknown>operational",
      "Ada:Created",
    ]);
    expect(timeline[2]).toMatchObject({ fields: ["accessToken"], at: ago(10) });
    expect(await getTimeline(db(), { orgId: A, connectorId: C, limit: 2 })).toHaveLength(2);
    expect(
      (await getTimeline(db(), { orgId: B, connectorId: C })).map((e) => e.kind === "change" && e.actorName),
    ).toEqual(["Mallory"]);
  });
});
