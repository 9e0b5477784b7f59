import { and, eq } from "drizzle-orm";
import { auditEvents, services, syncRuns } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError } from "@/lib/errors";
import { createService } from "@/lib/services/create";
import { deleteService } from "@/lib/services/delete";
import { setServiceActive, updateService } from "@/lib/services/update";
import { useTestDb } from "../../helpers/db";
import { createConnector, createMember, createOrganisation } from "../../helpers/factories";

const db = useTestDb();
let admin: SessionUser, manager: SessionUser, stranger: SessionUser;
let shop: string, erp: string, wms: string, shopTest: string, erpTest: string, foreign: string;
let n = 0;

beforeAll(async () => {
  const a = await createOrganisation(db(), "Services A");
  const b = await createOrganisation(db(), "Services B");
  admin = a.admin;
  stranger = b.admin;
  manager = await createMember(db(), a.orgId, "manager");
  const conn = (orgId: string, systemId: string, name: string, environment: "live" | "test" = "live") =>
    createConnector(db(), orgId, { systemId, authType: "token", credentials: { k: "v" }, name, environment }).then(
      (c) => c.id,
    );
  shop = await conn(a.orgId, "shopify", "Shop");
  erp = await conn(a.orgId, "netsuite", "ERP");
  wms = await conn(a.orgId, "peoplevox", "WMS");
  shopTest = await conn(a.orgId, "shopify", "Shop staging", "test");
  erpTest = await conn(a.orgId, "netsuite", "ERP sandbox", "test");
  foreign = await conn(b.orgId, "veeqo", "Their Veeqo");
});

const name = () => `Service ${++n}`;
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e as AppError,
  );
const auditOf = (connectorId: string) =>
  db().select().from(auditEvents).where(eq(auditEvents.connectorId, connectorId));

describe("createService", () => {
  it("creates an active service whose environment is its connectors', audited on both connectors' timelines", async () => {
    const svcName = name();
    const { id, environment } = await createService(db(), manager, {
      name: svcName,
      sourceConnectorId: shop,
      destinationConnectorId: erp,
    });
    expect(environment).toBe("live");
    const [row] = await db().select().from(services).where(eq(services.id, id));
    expect(row).toMatchObject({
      orgId: admin.orgId,
      name: svcName,
      active: true,
      sourceConnectorId: shop,
      destinationConnectorId: erp,
    });
    for (const c of [shop, erp])
      expect((await auditOf(c)).some((e) => e.action === "service.created" && e.summary.includes(svcName))).toBe(true);
    expect(
      await createService(db(), admin, { name: name(), sourceConnectorId: shopTest, destinationConnectorId: erpTest }),
    ).toMatchObject({ environment: "test" });
  });

  it("refuses a live and a test connector together, naming both", async () => {
    const e = await rejection(
      createService(db(), admin, { name: name(), sourceConnectorId: shop, destinationConnectorId: erpTest }),
    );
    expect(e).toMatchObject({ code: "INVALID" });
    expect(e.message).toContain('"Shop" is a live connector');
    expect(e.message).toContain('"ERP sandbox" is a test connector');
    expect(e.fieldErrors?.destinationConnectorId[0]).toMatch(/live connector/);
  });

  it("refuses the same connector at both ends", async () => {
    const e = await rejection(
      createService(db(), admin, { name: name(), sourceConnectorId: shop, destinationConnectorId: shop }),
    );
    expect(e).toMatchObject({
      code: "INVALID",
      fieldErrors: { destinationConnectorId: [expect.stringMatching(/other than the source/)] },
    });
  });

  it("treats another organisation's connector as not found, and writes nothing", async () => {
    const before = await db().select().from(services);
    expect(
      await rejection(
        createService(db(), admin, { name: name(), sourceConnectorId: foreign, destinationConnectorId: erp }),
      ),
    ).toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/source connector was not found/) });
    expect(
      await rejection(
        createService(db(), admin, { name: name(), sourceConnectorId: shop, destinationConnectorId: foreign }),
      ),
    ).toMatchObject({ code: "NOT_FOUND", fieldErrors: { destinationConnectorId: expect.any(Array) } });
    // The other organisation cannot use ours either, and is told the same.
    expect(
      await rejection(
        createService(db(), stranger, { name: name(), sourceConnectorId: foreign, destinationConnectorId: shop }),
      ),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(await db().select().from(services)).toHaveLength(before.length);
  });

  it("keeps names unique per organisation, ignoring case; another organisation may reuse one", async () => {
    await createService(db(), admin, { name: "Orders", sourceConnectorId: shop, destinationConnectorId: wms });
    expect(
      await rejection(
        createService(db(), admin, { name: "ORDERS", sourceConnectorId: erp, destinationConnectorId: wms }),
      ),
    ).toMatchObject({ code: "CONFLICT", fieldErrors: { name: expect.any(Array) } });
    const theirs = await createConnector(db(), stranger.orgId, {
      systemId: "shopify",
      authType: "token",
      credentials: { k: "v" },
      name: "Their shop",
    });
    await expect(
      createService(db(), stranger, { name: "Orders", sourceConnectorId: theirs.id, destinationConnectorId: foreign }),
    ).resolves.toBeDefined();
  });

  it.each(["user", "read_only"] as const)("is forbidden to a %s", async (role) => {
    const member = await createMember(db(), admin.orgId, role);
    expect(
      await rejection(
        createService(db(), member, { name: name(), sourceConnectorId: shop, destinationConnectorId: erp }),
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("updateService, setServiceActive, deleteService", () => {
  let id: string;
  beforeEach(async () => {
    ({ id } = await createService(db(), admin, { name: name(), sourceConnectorId: shop, destinationConnectorId: erp }));
  });

  it("renames and re-points a service, recording it on the old and the new connector", async () => {
    const { changed } = await updateService(db(), manager, {
      serviceId: id,
      name: "Renamed orders",
      sourceConnectorId: shop,
      destinationConnectorId: wms,
    });
    expect(changed).toEqual(["name", "destinationConnectorId"]);
    expect((await db().select().from(services).where(eq(services.id, id)))[0]).toMatchObject({
      name: "Renamed orders",
      destinationConnectorId: wms,
    });
    for (const c of [erp, wms])
      expect(
        (await auditOf(c)).some((e) => e.action === "service.updated" && e.summary.includes("Renamed orders")),
      ).toBe(true);
    expect(
      await updateService(db(), manager, {
        serviceId: id,
        name: "Renamed orders",
        sourceConnectorId: shop,
        destinationConnectorId: wms,
      }),
    ).toEqual({ changed: [] });
  });

  it("applies the same-environment rule on edit", async () => {
    expect(
      await rejection(
        updateService(db(), admin, {
          serviceId: id,
          name: "x",
          sourceConnectorId: shopTest,
          destinationConnectorId: erp,
        }),
      ),
    ).toMatchObject({ code: "INVALID", message: expect.stringContaining("same environment") });
  });

  it("activates and deactivates; asking for the current state changes nothing", async () => {
    expect(await setServiceActive(db(), manager, { serviceId: id, active: false })).toMatchObject({ changed: true });
    expect(await setServiceActive(db(), manager, { serviceId: id, active: false })).toMatchObject({ changed: false });
    expect((await db().select().from(services).where(eq(services.id, id)))[0].active).toBe(false);
    await setServiceActive(db(), manager, { serviceId: id, active: true });
    expect((await db().select().from(services).where(eq(services.id, id)))[0].active).toBe(true);
  });

  it("deletes the service with its sync history; the audit entries stay on the connectors", async () => {
    await db()
      .insert(syncRuns)
      .values({ orgId: admin.orgId, serviceId: id, externalId: `del-${id}`, startedAt: new Date(), status: "ok" });
    await deleteService(db(), admin, { serviceId: id });
    expect(await db().select().from(services).where(eq(services.id, id))).toEqual([]);
    expect(await db().select().from(syncRuns).where(eq(syncRuns.serviceId, id))).toEqual([]);
    expect((await auditOf(erp)).some((e) => e.action === "service.deleted")).toBe(true);
  });

  it("treats another organisation's service as not found in every function, and changes nothing", async () => {
    const input = { serviceId: id, name: "Hijacked", sourceConnectorId: foreign, destinationConnectorId: foreign };
    for (const p of [
      updateService(db(), stranger, input),
      setServiceActive(db(), stranger, { serviceId: id, active: false }),
      deleteService(db(), stranger, { serviceId: id }),
    ]) {
      expect(await rejection(p)).toMatchObject({ code: "NOT_FOUND", message: "That service was not found." });
    }
    expect(
      (
        await db()
          .select()
          .from(services)
          .where(and(eq(services.id, id), eq(services.active, true)))
      ).length,
    ).toBe(1);
  });

  it.each(["user", "read_only"] as const)("is forbidden to a %s", async (role) => {
    const member = await createMember(db(), admin.orgId, role);
    for (const p of [
      updateService(db(), member, { serviceId: id, name: "x", sourceConnectorId: shop, destinationConnectorId: erp }),
      setServiceActive(db(), member, { serviceId: id, active: false }),
      deleteService(db(), member, { serviceId: id }),
    ]) {
      expect(await rejection(p)).toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
