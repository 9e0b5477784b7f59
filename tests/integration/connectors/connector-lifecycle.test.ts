import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { connectors, healthChecks, services, statusEvents } from "@/db/schema";
import { listConnectorAudit } from "@/db/queries/audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { checkConnector } from "@/lib/checks/check-connector";
import type { CheckConfig } from "@/lib/checks/config";
import { createConnector, type CreateConnectorInput } from "@/lib/connectors/create";
import { getCredentialsView } from "@/lib/connectors/credentials-view";
import { deleteConnector } from "@/lib/connectors/delete";
import { updateConnectorCredentials, updateConnectorGeneral } from "@/lib/connectors/update";
import { decryptCredentials } from "@/lib/crypto/credentials";
import { useTestDb } from "../../helpers/db";
import { createMember, createOrganisation } from "../../helpers/factories";
import { json, startEmulator, type Emulator } from "../../helpers/vendor-mock";

const db = useTestDb();
const GOOD = "vq_good_key_0123456789abcdef";
const NEW = "vq_new_key_9876543210fedcba";
let emu: Emulator;
let valid = new Set([GOOD]);
let down = false;

beforeAll(async () => {
  // Veeqo as documented: x-api-key on GET /current_company, 401 {"error_messages": ...} when rejected.
  emu = await startEmulator((req, res) => {
    if (down) return json(res, 503, { error: "maintenance" });
    if (req.path !== "/current_company") return json(res, 404, {});
    if (!valid.has(String(req.headers["x-api-key"])))
      return json(res, 401, { error_messages: "You're not authorized" });
    json(res, 200, { id: 1, name: "Demo Warehouse" });
  });
});
afterAll(() => emu.close());
beforeEach(() => {
  valid = new Set([GOOD]);
  down = false;
});

/** A person's "Check now" (the action's call). */
const checkNow = (
  database: Db,
  actor: SessionUser,
  { connectorId }: { connectorId: string },
  config: Partial<CheckConfig>,
) => checkConnector(database, { orgId: actor.orgId, connectorId }, { mode: "now", actor, config });
const opts = () => ({ checkOverrides: { dispatcher: emu.dispatcher, timeoutMs: 2000 } });
const input = (over: Partial<CreateConnectorInput> = {}): CreateConnectorInput => ({
  systemId: "veeqo",
  authType: "api-key",
  environment: "live",
  name: `Veeqo ${Math.random().toString(36).slice(2, 7)}`,
  timeZone: "Europe/London",
  dateFormat: "dd/MM/yyyy HH:mm",
  saveOffline: false,
  credentials: { apiKey: GOOD },
  ...over,
});

describe("adding a connector", () => {
  it("saves valid credentials encrypted, records an operational check and an audit entry", async () => {
    const { admin } = await createOrganisation(db());
    const { id, result } = await createConnector(db(), admin, input({ name: "Veeqo main" }), opts());
    expect(result?.status).toBe("operational");
    const [row] = await db().select().from(connectors).where(eq(connectors.id, id));
    expect(row).toMatchObject({ status: "operational", name: "Veeqo main", lastReason: "ok" });
    expect(row.credentials).not.toContain(GOOD);
    expect(decryptCredentials(id, row.credentials)).toEqual({ apiKey: GOOD });
    expect(await db().select().from(healthChecks).where(eq(healthChecks.connectorId, id))).toHaveLength(1);
    expect(await db().select().from(statusEvents).where(eq(statusEvents.connectorId, id))).toEqual([
      expect.objectContaining({ fromStatus: "unknown", toStatus: "operational" }),
    ]);
    expect((await listConnectorAudit(db(), { orgId: admin.orgId, connectorId: id }))[0]).toMatchObject({
      action: "connector.created",
      actorName: admin.name,
    });
  });

  it("refuses rejected credentials with the reason and hint, and writes nothing", async () => {
    const { admin, orgId } = await createOrganisation(db());
    const attempt = createConnector(db(), admin, input({ credentials: { apiKey: "vq_wrong_key_000000000" } }), opts());
    await expect(attempt).rejects.toMatchObject({
      code: "INVALID",
      check: { status: "auth_failed", reason: "invalid_credentials", hint: expect.stringContaining("Veeqo") },
    });
    expect(await db().select().from(connectors).where(eq(connectors.orgId, orgId))).toHaveLength(0);
  });

  it("refuses an unreachable system unless the user says it is offline, then saves it as unreachable", async () => {
    const { admin } = await createOrganisation(db());
    down = true;
    await expect(createConnector(db(), admin, input(), opts())).rejects.toMatchObject({
      fieldErrors: { saveOffline: [expect.any(String)] },
      check: { status: "unreachable" },
    });
    const { id } = await createConnector(db(), admin, input({ saveOffline: true }), opts());
    expect((await db().select().from(connectors).where(eq(connectors.id, id)))[0].status).toBe("unreachable");
  });

  it("allows one live and one test connector per system per company group, naming the existing one", async () => {
    const { admin } = await createOrganisation(db());
    const { id } = await createConnector(db(), admin, input({ name: "Veeqo live" }), opts());
    await createConnector(db(), admin, input({ name: "Veeqo test", environment: "test" }), opts());
    await expect(createConnector(db(), admin, input({ name: "Veeqo again" }), opts())).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining('"Veeqo live"'),
      link: { href: `/connectors/${id}` },
    });
  });

  it("reports invalid credentials by field, and a taken name on the name field", async () => {
    const { admin } = await createOrganisation(db());
    await expect(createConnector(db(), admin, input({ credentials: { apiKey: "" } }), opts())).rejects.toMatchObject({
      fieldErrors: { "credentials.apiKey": ["API key is required."] },
    });
    await createConnector(db(), admin, input({ name: "Taken" }), opts());
    await expect(
      createConnector(db(), admin, input({ name: "taken", environment: "test" }), opts()),
    ).rejects.toMatchObject({ fieldErrors: { name: [expect.any(String)] } });
  });

  it("refuses read-only users and users and another organisation's company group", async () => {
    const { admin, orgId } = await createOrganisation(db());
    for (const role of ["user", "read_only"] as const) {
      await expect(createConnector(db(), await createMember(db(), orgId, role), input(), opts())).rejects.toMatchObject(
        { code: "FORBIDDEN" },
      );
    }
    const other = await createOrganisation(db());
    const [otherGroup] = await db()
      .select()
      .from((await import("@/db/schema")).companyGroups)
      .where(eq((await import("@/db/schema")).companyGroups.orgId, other.orgId));
    await expect(createConnector(db(), admin, input({ companyGroupId: otherGroup.id }), opts())).rejects.toMatchObject({
      fieldErrors: { companyGroupId: [expect.any(String)] },
    });
  });
});

describe("changing a connector", () => {
  it("renames and changes the zone, auditing what changed", async () => {
    const { admin } = await createOrganisation(db());
    const { id } = await createConnector(db(), admin, input({ name: "Before" }), opts());
    const { changed } = await updateConnectorGeneral(db(), admin, {
      connectorId: id,
      name: "After",
      timeZone: "America/New_York",
      dateFormat: "yyyy-MM-dd HH:mm",
    });
    expect(changed.sort()).toEqual(["dateFormat", "name", "timeZone"]);
    const [entry] = await listConnectorAudit(db(), { orgId: admin.orgId, connectorId: id });
    expect(entry.summary).toContain('name from "Before" to "After"');
  });

  it("keeps a secret left blank, replaces a typed one after checking it, and audits field names only", async () => {
    const { admin } = await createOrganisation(db());
    const { id } = await createConnector(db(), admin, input(), opts());
    expect(
      await updateConnectorCredentials(
        db(),
        admin,
        { connectorId: id, authType: "api-key", credentials: { apiKey: "" }, saveOffline: false },
        opts(),
      ),
    ).toMatchObject({ changed: [] });
    await expect(
      updateConnectorCredentials(
        db(),
        admin,
        { connectorId: id, authType: "api-key", credentials: { apiKey: NEW }, saveOffline: false },
        opts(),
      ),
    ).rejects.toMatchObject({ check: { status: "auth_failed" } });
    const [kept] = await db().select().from(connectors).where(eq(connectors.id, id));
    expect(decryptCredentials(id, kept.credentials)).toEqual({ apiKey: GOOD });

    valid = new Set([NEW]);
    const { changed, result } = await updateConnectorCredentials(
      db(),
      admin,
      { connectorId: id, authType: "api-key", credentials: { apiKey: NEW }, saveOffline: false },
      opts(),
    );
    expect(changed).toEqual(["apiKey"]);
    expect(result?.status).toBe("operational");
    const [row] = await db().select().from(connectors).where(eq(connectors.id, id));
    expect(decryptCredentials(id, row.credentials)).toEqual({ apiKey: NEW });
    const audit = await listConnectorAudit(db(), { orgId: admin.orgId, connectorId: id });
    expect(audit[0]).toMatchObject({ action: "connector.credentials_changed", fields: ["apiKey"] });
    expect(JSON.stringify(audit)).not.toContain(NEW);
    const view = await getCredentialsView(db(), { orgId: admin.orgId, connectorId: id });
    expect(view.masks).toEqual({ apiKey: "••••dcba" });
    expect(JSON.stringify(view)).not.toContain(NEW);
  });

  it("is not found for another organisation, and changes nothing there", async () => {
    const a = await createOrganisation(db());
    const b = await createOrganisation(db());
    const { id } = await createConnector(db(), b.admin, input({ name: "Theirs" }), opts());
    await expect(
      updateConnectorGeneral(db(), a.admin, {
        connectorId: id,
        name: "Mine",
        timeZone: "UTC",
        dateFormat: "yyyy-MM-dd HH:mm",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      updateConnectorCredentials(
        db(),
        a.admin,
        { connectorId: id, authType: "api-key", credentials: { apiKey: GOOD }, saveOffline: false },
        opts(),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteConnector(db(), a.admin, { connectorId: id, confirmName: "Theirs" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(checkNow(db(), a.admin, { connectorId: id }, { dispatcher: emu.dispatcher })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await db().select().from(connectors).where(eq(connectors.id, id)))[0].name).toBe("Theirs");
  });

  it("checks now at most once per 10 seconds", async () => {
    const { admin } = await createOrganisation(db());
    const { id } = await createConnector(db(), admin, input(), opts());
    valid = new Set();
    const first = await checkNow(db(), admin, { connectorId: id }, { dispatcher: emu.dispatcher, timeoutMs: 2000 });
    expect(first).toMatchObject({ status: "auth_failed", changed: true });
    await expect(checkNow(db(), admin, { connectorId: id }, { dispatcher: emu.dispatcher })).rejects.toMatchObject({
      code: "THROTTLED",
    });
  });
});

describe("deleting a connector", () => {
  it("is refused while any service uses it, naming them, and works once unused", async () => {
    const { admin, orgId } = await createOrganisation(db());
    const { id: a } = await createConnector(db(), admin, input({ name: "Source" }), opts());
    const { id: b } = await createConnector(db(), admin, input({ name: "Dest", environment: "test" }), opts());
    const [svc] = await db()
      .insert(services)
      .values({ orgId, name: "Nightly stock", active: false, sourceConnectorId: a, destinationConnectorId: b })
      .returning();
    await expect(deleteConnector(db(), admin, { connectorId: b, confirmName: "Dest" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining('"Nightly stock"'),
    });
    await expect(deleteConnector(db(), admin, { connectorId: b, confirmName: "dest" })).rejects.toMatchObject({
      fieldErrors: { confirmName: [expect.any(String)] },
    });
    await db().delete(services).where(eq(services.id, svc.id));
    await deleteConnector(db(), admin, { connectorId: b, confirmName: "Dest" });
    expect(await db().select().from(connectors).where(eq(connectors.id, b))).toHaveLength(0);
  });
});

describe("check now and the sweep", () => {
  it("never runs while a sweep holds the connector, and gives the lease back afterwards", async () => {
    const { admin } = await createOrganisation(db());
    const { id } = await createConnector(db(), admin, input(), opts());
    // A sweep has claimed it (lease in the future): Check now must not spend the same credentials at the same time.
    await db()
      .update(connectors)
      .set({ leaseUntil: new Date(Date.now() + 60_000), leaseOwner: "00000000-0000-4000-8000-000000000001" })
      .where(eq(connectors.id, id));
    await expect(
      checkNow(db(), admin, { connectorId: id }, { dispatcher: emu.dispatcher, timeoutMs: 2000 }),
    ).rejects.toMatchObject({ code: "THROTTLED", message: expect.stringMatching(/scheduled check/) });
    await db().update(connectors).set({ leaseUntil: null, leaseOwner: null }).where(eq(connectors.id, id));
    expect(
      await checkNow(db(), admin, { connectorId: id }, { dispatcher: emu.dispatcher, timeoutMs: 2000 }),
    ).toMatchObject({ status: "operational" });
    const [row] = await db().select().from(connectors).where(eq(connectors.id, id));
    expect(row.leaseUntil).toBeNull();
    expect(row.leaseOwner).toBeNull();
  });
});
