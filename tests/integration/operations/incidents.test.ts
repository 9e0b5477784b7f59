import { NextRequest } from "next/server";
import { eq } from "drizzle-orm";
import { countIncidents, listIncidents } from "@/db/queries/incidents";
import { connectors, services, statusEvents, syncRuns } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { INCIDENT_CSV_HEADER } from "@/lib/incidents/csv";
import { parseIncidentFilters } from "@/lib/incidents/filters";
import { useTestDb } from "../../helpers/db";
import { createConnector, createMember, createOrganisation } from "../../helpers/factories";

let current: SessionUser | null = null;
jest.mock("@/lib/auth/session", () => ({ getCurrentUser: () => Promise.resolve(current) }));

import { GET } from "@/app/(app)/incidents/export/route";

const db = useTestDb();
const BASE = Date.UTC(2026, 2, 10, 0, 0); // 10 March 2026, 00:00 UTC (New York is on EDT, UTC-4, from 8 March)
const h = (hours: number) => new Date(BASE + hours * 3_600_000);
let orgId: string;
let user: SessionUser;
let shop: string;
let erp: string;

beforeAll(async () => {
  const org = await createOrganisation(db(), "Incidents");
  orgId = org.orgId;
  user = await createMember(db(), orgId, "read_only");
  shop = (await createConnector(db(), orgId, { systemId: "shopify", authType: "token", credentials: {}, name: "Shop" }))
    .id;
  erp = (
    await createConnector(db(), orgId, {
      systemId: "netsuite",
      authType: "token",
      credentials: {},
      name: "ERP",
      environment: "test",
    })
  ).id;
  await db()
    .update(connectors)
    .set({ timeZone: "America/New_York", dateFormat: "yyyy-MM-dd HH:mm" })
    .where(eq(connectors.id, shop));
  const ev = (connectorId: string, at: Date, fromStatus: string, toStatus: string, reason = "timeout") => ({
    orgId,
    connectorId,
    at,
    fromStatus: fromStatus as "operational",
    toStatus: toStatus as "operational",
    reason,
    message: reason === "timeout" ? "No answer in 10 s." : "=cmd|' /C calc'!A0",
  });
  await db()
    .insert(statusEvents)
    .values([
      ev(shop, h(2), "unknown", "operational"),
      ev(shop, h(4), "operational", "unreachable"), // closed at 06:00
      ev(shop, h(6), "unreachable", "operational"),
      ev(erp, h(7), "unknown", "unreachable"), // 07:00-08:00, then a different failure
      ev(erp, h(8), "unreachable", "auth_failed", '=HYPERLINK("http://evil")'),
      ev(erp, h(9), "auth_failed", "operational"),
      ev(shop, h(10), "operational", "auth_failed", "invalid_credentials"), // ongoing
    ]);
  const [svc] = await db()
    .insert(services)
    .values({ orgId, name: "Orders", sourceConnectorId: shop, destinationConnectorId: erp })
    .returning();
  let n = 0;
  const run = (at: Date, status: "failed" | "ok") => ({
    orgId,
    serviceId: svc.id,
    externalId: `run-${++n}`,
    startedAt: at,
    status,
  });
  await db()
    .insert(syncRuns)
    .values([
      run(h(1), "failed"), // before any incident
      run(h(5), "failed"), // Shop 04:00-06:00
      run(h(5.5), "ok"), // not a failure
      run(h(7.5), "failed"), // ERP 07:00-08:00
      run(h(8.2), "failed"), // ERP 08:00-09:00
      run(h(8.4), "failed"),
      run(h(11), "failed"), // Shop, ongoing
    ]);
  // Another organisation's incident never shows.
  const other = await createOrganisation(db(), "Other");
  const theirs = await createConnector(db(), other.orgId, { systemId: "shopify", authType: "t", credentials: {} });
  await db()
    .insert(statusEvents)
    .values({ ...ev(theirs.id, h(3), "unknown", "unreachable"), orgId: other.orgId });
});

const list = (params: Record<string, string> = {}) =>
  listIncidents(db(), { orgId, filters: parseIncidentFilters(params).filters, limit: 50 });
const brief = (rows: Awaited<ReturnType<typeof list>>) =>
  rows.map((r) => [
    r.connectorName,
    r.status,
    r.startedAt.toISOString().slice(11, 16),
    r.endedAt?.toISOString().slice(11, 16) ?? "ongoing",
    r.failedSyncs,
  ]);

describe("incidents", () => {
  it("derives every non-operational period: ongoing first, then newest, with the syncs that failed in it", async () => {
    expect(brief(await list())).toEqual([
      ["Shop", "auth_failed", "10:00", "ongoing", 1],
      ["ERP", "auth_failed", "08:00", "09:00", 2],
      ["ERP", "unreachable", "07:00", "08:00", 1],
      ["Shop", "unreachable", "04:00", "06:00", 1],
    ]);
    expect(await countIncidents(db(), { orgId, filters: {} })).toBe(4);
    const page2 = await listIncidents(db(), { orgId, filters: {}, limit: 3, offset: 3 });
    expect(brief(page2)).toEqual([["Shop", "unreachable", "04:00", "06:00", 1]]);
  });

  it("filters by status, system, environment, connector and dates (an incident overlapping the days counts)", async () => {
    const names = async (p: Record<string, string>) => brief(await list(p)).map((r) => `${r[0]} ${r[2]}`);
    expect(await names({ status: "auth_failed" })).toEqual(["Shop 10:00", "ERP 08:00"]);
    expect(await names({ system: "netsuite" })).toEqual(["ERP 08:00", "ERP 07:00"]);
    expect(await names({ environment: "live" })).toEqual(["Shop 10:00", "Shop 04:00"]);
    expect(await names({ connector: shop })).toEqual(["Shop 10:00", "Shop 04:00"]);
    expect(await names({ from: "2026-03-11" })).toEqual(["Shop 10:00"]); // still ongoing, so it overlaps
    expect(await names({ from: "2026-03-01", to: "2026-03-09" })).toEqual([]);
    expect(await names({ from: "2026-03-10", to: "2026-03-10", environment: "test", status: "unreachable" })).toEqual([
      "ERP 07:00",
    ]);
    // Values the page does not know are ignored, with a notice for a bad date.
    const odd = parseIncidentFilters({ status: "operational", system: "nope", environment: "x", from: "2026-02-30" });
    expect(odd.filters).toEqual({});
    expect(odd.notices).toEqual([expect.stringMatching(/start date "2026-02-30" is not a date/)]);
  });

  it("downloads what the filters show as CSV, times in each connector's zone, formulas neutralised", async () => {
    current = user;
    const res = await GET(new NextRequest("http://localhost/incidents/export?environment=test"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="incidents_\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await res.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    expect(lines[0]).toBe(INCIDENT_CSV_HEADER.join(","));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`'=HYPERLINK(""http://evil"")`);
    expect(lines[1]).toContain("10/03/2026 08:00 GMT"); // ERP keeps the default zone and format
    expect(lines[1]).toMatch(/,1 h,2$/);
    expect(text).not.toMatch(/,=/);

    const shopCsv = await (await GET(new NextRequest(`http://localhost/incidents/export?connector=${shop}`))).text();
    expect(shopCsv).toContain(
      "2026-03-10 00:00 EDT,2026-03-10 02:00 EDT,2026-03-10 04:00:00,2026-03-10 06:00:00,2 h,1",
    );
    expect(shopCsv).toMatch(/2026-03-10 06:00 EDT,Ongoing,2026-03-10 10:00:00,,/);
  });

  it("asks for a sign-in without a session", async () => {
    current = null;
    const res = await GET(new NextRequest("http://localhost/incidents/export?status=auth_failed"));
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toMatch(/\/login\?callbackUrl=%2Fincidents%3Fstatus%3Dauth_failed$/);
  });
});
