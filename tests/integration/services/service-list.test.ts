import { services, syncRuns, type SyncStatus } from "@/db/schema";
import { listServices } from "@/db/queries/services";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";

const db = useTestDb();
const NOW = new Date("2025-03-10T12:00:00Z");
const ago = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
let A: string, B: string, orders: string, stock: string, idle: string;

beforeAll(async () => {
  ({ orgId: A } = await createOrganisation(db(), "List A"));
  ({ orgId: B } = await createOrganisation(db(), "List B"));
  const conn = (orgId: string, systemId: string, environment: "live" | "test" = "live") =>
    createConnector(db(), orgId, { systemId, authType: "token", credentials: { k: "v" }, environment }).then(
      (c) => c.id,
    );
  const [shop, erp, shopT, erpT, theirs1, theirs2] = [
    await conn(A, "shopify"),
    await conn(A, "netsuite"),
    await conn(A, "shopify", "test"),
    await conn(A, "netsuite", "test"),
    await conn(B, "veeqo"),
    await conn(B, "magento2"),
  ];
  const svc = async (orgId: string, name: string, s: string, d: string, active = true) =>
    (
      await db()
        .insert(services)
        .values({ orgId, name, sourceConnectorId: s, destinationConnectorId: d, active })
        .returning()
    )[0].id;
  orders = await svc(A, "orders", shop, erp);
  stock = await svc(A, "Stock", erp, shop, false);
  idle = await svc(A, "A test flow", shopT, erpT);
  const foreign = await svc(B, "Foreign", theirs1, theirs2);
  let ext = 0;
  const run = (serviceId: string, orgId: string, hours: number, status: SyncStatus) => ({
    serviceId,
    orgId,
    externalId: `l-${++ext}`,
    startedAt: ago(hours),
    status,
  });
  await db()
    .insert(syncRuns)
    .values([
      run(orders, A, 0.5, "ok"),
      run(orders, A, 2, "failed"),
      run(orders, A, 23.9, "failed"),
      run(orders, A, 24.1, "failed"), // just outside 24 h
      run(orders, A, -1, "failed"), // in the future of NOW: not "the last 24 hours"
      run(stock, A, 30, "failed"),
      run(foreign, B, 1, "failed"),
    ]);
});

it("lists the organisation's services, live first then by name, with both ends, last sync and failures in the last 24 hours", async () => {
  const rows = await listServices(db(), { orgId: A, now: NOW });
  expect(rows.map((r) => r.name)).toEqual(["orders", "Stock", "A test flow"]);
  const [o, s, t] = rows;
  expect(o).toMatchObject({
    id: orders,
    active: true,
    environment: "live",
    failed24h: 2,
    source: { systemId: "shopify" },
    destination: { systemId: "netsuite" },
  });
  expect(o.lastSyncAt?.toISOString()).toBe(ago(-1).toISOString());
  expect(s).toMatchObject({ id: stock, active: false, failed24h: 0 });
  expect(s.lastSyncAt?.toISOString()).toBe(ago(30).toISOString());
  expect(t).toMatchObject({ id: idle, environment: "test", lastSyncAt: null, failed24h: 0 });
});

it("shows nothing of another organisation", async () => {
  const rows = await listServices(db(), { orgId: B, now: NOW });
  expect(rows.map((r) => [r.name, r.failed24h])).toEqual([["Foreign", 1]]);
});
