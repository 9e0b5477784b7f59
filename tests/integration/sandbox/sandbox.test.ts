import { eq } from "drizzle-orm";
import { GET } from "@/app/api/sandbox/v1/account/route";
import { listSandboxModes } from "@/db/queries/sandbox";
import { connectors, sandboxAccounts } from "@/db/schema";
import { createConnector as createConnectorAsUser } from "@/lib/connectors/create";
import { updateConnectorCredentials } from "@/lib/connectors/update";
import { AppError } from "@/lib/errors";
import { checkSystem } from "@/lib/checks/check-system";
import { hashSandboxKey, registerSandboxAccount, sandboxAnswer, setSandboxMode } from "@/lib/sandbox/accounts";
import { useTestDb } from "../../helpers/db";
import { serveRoute } from "../../helpers/serve-route";
import { fakeSystem } from "../../helpers/fake-systems";
import { createConnector, createMember, createOrganisation } from "../../helpers/factories";

const db = useTestDb();
const apiKey = "sbx_test_key_0123456789";

describe("Patchbay Sandbox", () => {
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let connectorId: string;
  let app: Awaited<ReturnType<typeof serveRoute>>;
  beforeAll(async () => {
    org = await createOrganisation(db());
    const connector = await createConnector(db(), org.orgId, {
      systemId: "sandbox",
      authType: "api-key",
      credentials: { apiKey },
    });
    connectorId = connector.id;
    await registerSandboxAccount(db(), { orgId: org.orgId, connectorId, name: "Test sandbox", apiKey });
    app = await serveRoute(GET);
  });
  afterAll(() => app.close());

  const check = (key = apiKey, timeoutMs = 2_000) =>
    checkSystem(
      { system: "sandbox", authType: "api-key", credentials: { apiKey: key } },
      { appOrigin: app.origin, timeoutMs },
    );

  it("answers like a vendor: unknown keys are refused", async () => {
    expect(await sandboxAnswer(db(), null)).toMatchObject({ status: 401 });
    expect(await sandboxAnswer(db(), "Bearer sbx_unknown_key_000")).toMatchObject({ status: 401 });
    expect(await sandboxAnswer(db(), `Bearer ${apiKey}`)).toMatchObject({
      status: 200,
      body: { account: { name: "Test sandbox" } },
    });
  });

  it("is reached through the address guard for the app's own origin only", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    // Another port on the same loopback host is not the app's origin: the guard refuses it.
    const otherPort = `http://127.0.0.1:${Number(new URL(app.origin).port) + 1}/api/sandbox/v1/account`;
    const elsewhere = await checkSystem(
      { system: fakeSystem(), authType: "token", credentials: { url: otherPort, token: apiKey } },
      { appOrigin: app.origin, timeoutMs: 2_000 },
    );
    expect(elsewhere).toMatchObject({ status: "unreachable", reason: "blocked_address" });
  });

  it.each([
    ["rejecting", { status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 }],
    ["down", { status: "unreachable", reason: "http_5xx", httpStatus: 503 }],
    ["throttled", { status: "operational", reason: "throttled", throttled: true, retryAfterMs: 120_000 }],
    ["healthy", { status: "operational", reason: "ok" }],
  ] as const)("an administrator switches it to %s and the next check sees it", async (mode, expected) => {
    await setSandboxMode(db(), org.admin, { connectorId, mode });
    expect(await check()).toMatchObject(expected);
  });

  it("slow mode answers after the check's timeout", async () => {
    const answer = await (async () => {
      await setSandboxMode(db(), org.admin, { connectorId, mode: "slow" });
      return sandboxAnswer(db(), `Bearer ${apiKey}`);
    })();
    expect(answer.delayMs).toBeGreaterThan(10_000);
    await setSandboxMode(db(), org.admin, { connectorId, mode: "healthy" });
  });

  it("only administrators of the same organisation switch modes", async () => {
    const manager = await createMember(db(), org.orgId, "manager");
    await expect(setSandboxMode(db(), manager, { connectorId, mode: "down" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const other = await createOrganisation(db());
    await expect(setSandboxMode(db(), other.admin, { connectorId, mode: "down" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await listSandboxModes(db(), { orgId: org.orgId })).get(connectorId)).toBe("healthy");
  });
});

describe("sandbox keys across organisations", () => {
  let app: Awaited<ReturnType<typeof serveRoute>>;
  beforeAll(async () => {
    app = await serveRoute(GET);
  });
  afterAll(() => app.close());
  const opts = () => ({ checkOverrides: { appOrigin: app.origin, timeoutMs: 2_000 } });
  const input = (apiKey: string, name: string) => ({
    systemId: "sandbox",
    authType: "api-key",
    environment: "test" as const,
    name,
    timeZone: "Europe/London",
    dateFormat: "dd/MM/yyyy HH:mm" as const,
    saveOffline: false,
    credentials: { apiKey },
  });
  const holder = async (key: string) =>
    (
      await db()
        .select()
        .from(sandboxAccounts)
        .where(eq(sandboxAccounts.keyHash, hashSandboxKey(key)))
    )[0];

  it("a key held by another organisation gets the same answer as one held by another connector of your own, and is not taken", async () => {
    const a = await createOrganisation(db());
    const b = await createOrganisation(db());
    const keyA = `sbx_org_a_${Math.random().toString(36).slice(2, 12)}`;
    const created = await createConnectorAsUser(db(), a.admin, input(keyA, "A sandbox"), opts());
    const before = await holder(keyA);
    expect(before).toMatchObject({ orgId: a.orgId, connectorId: created.id });

    const own = await createConnectorAsUser(
      db(),
      a.admin,
      { ...input(keyA, "A again"), environment: "live" },
      opts(),
    ).then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    const foreign = await createConnectorAsUser(db(), b.admin, input(keyA, "B sandbox"), opts()).then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    expect(foreign).toBeInstanceOf(AppError);
    expect(own).toBeInstanceOf(AppError);
    expect({ code: foreign!.code, message: foreign!.message, fieldErrors: foreign!.fieldErrors }).toEqual({
      code: own!.code,
      message: own!.message,
      fieldErrors: own!.fieldErrors,
    });
    expect(JSON.stringify([foreign!.message, foreign!.fieldErrors])).not.toMatch(/organi[sz]ation|in use|belongs/i);
    expect(await holder(keyA)).toEqual(before);
    expect(await db().select().from(connectors).where(eq(connectors.orgId, b.orgId))).toHaveLength(0);
  });

  it("changing a connector's key to another organisation's key is refused and leaves that key where it was", async () => {
    const a = await createOrganisation(db());
    const b = await createOrganisation(db());
    const keyA = `sbx_org_a_${Math.random().toString(36).slice(2, 12)}`;
    const keyB = `sbx_org_b_${Math.random().toString(36).slice(2, 12)}`;
    await createConnectorAsUser(db(), a.admin, input(keyA, "A sandbox"), opts());
    const mine = await createConnectorAsUser(db(), b.admin, input(keyB, "B sandbox"), opts());
    const before = await holder(keyA);
    await expect(
      updateConnectorCredentials(
        db(),
        b.admin,
        { connectorId: mine.id, authType: "api-key", credentials: { apiKey: keyA }, saveOffline: false },
        opts(),
      ),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { "credentials.apiKey": [expect.stringMatching(/cannot be used/)] },
    });
    expect(await holder(keyA)).toEqual(before);
    expect(await holder(keyB)).toMatchObject({ orgId: b.orgId, connectorId: mine.id });
  });
});
