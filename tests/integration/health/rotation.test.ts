import { asc, eq } from "drizzle-orm";
import { connectors, healthChecks } from "@/db/schema";
import { decryptCredentials } from "@/lib/crypto/credentials";
import { runHealthSweep, type SweepOptions } from "@/lib/checks/sweep";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";
import { makeDue } from "../../helpers/health";
import { type Emulator, json, startEmulator } from "../../helpers/vendor-mock";

const db = useTestDb();
const CLOUD = "https://cloud.lightspeedapp.com";
const creds = {
  clientId: "patchbay-app",
  clientSecret: "ls-client-secret-0123",
  refreshToken: "ls-refresh-0",
  accountId: "123456",
};

describe("health sweep: rotating refresh tokens (Lightspeed R-Series)", () => {
  let emu: Emulator;
  const live = new Set(["ls-refresh-0"]); // refresh tokens the emulated Lightspeed still accepts
  let issued = 0;
  beforeAll(async () => {
    emu = await startEmulator((req, res) => {
      if (req.vendorOrigin === CLOUD) {
        const form = new URLSearchParams(req.body);
        // Rotation: the refresh token just used is revoked as the new one is issued.
        if (!live.delete(form.get("refresh_token") ?? "")) return json(res, 400, { error: "invalid_grant" });
        const next = `ls-refresh-${++issued}`;
        live.add(next);
        return json(res, 200, { access_token: `ls-access-${issued}`, refresh_token: next, expires_in: 3600 });
      }
      json(res, 200, { Account: { accountID: "123456", name: "Corner Shop" } });
    });
  });
  afterAll(() => emu.close());

  const options = (): SweepOptions => ({
    dispatcher: emu.dispatcher,
    allowPrivateNetworks: true,
    timeoutMs: 2_000,
    retention: false,
    perHost: 10,
    concurrency: 2,
  });
  const row = async (id: string) => (await db().select().from(connectors).where(eq(connectors.id, id)))[0];

  it("stores each rotated refresh token encrypted, so the next check still works", async () => {
    const { orgId } = await createOrganisation(db());
    const c = await createConnector(db(), orgId, { systemId: "lightspeed-r", authType: "oauth2", credentials: creds });

    expect(await runHealthSweep(db(), options())).toMatchObject({ checked: 1 });
    const afterFirst = await row(c.id);
    expect(afterFirst).toMatchObject({ status: "operational", lastReason: "ok" });
    expect(afterFirst.credentials).not.toContain("ls-refresh-1");
    expect(decryptCredentials(c.id, afterFirst.credentials)).toEqual({ ...creds, refreshToken: "ls-refresh-1" });

    await makeDue(db(), [c.id]);
    expect(await runHealthSweep(db(), options())).toMatchObject({ checked: 1 });
    const afterSecond = await row(c.id);
    expect(afterSecond).toMatchObject({
      status: "operational",
      lastReason: "ok",
      consecutiveFailures: 0,
      pendingStatus: null,
    });
    expect(decryptCredentials(c.id, afterSecond.credentials)).toEqual({ ...creds, refreshToken: "ls-refresh-2" });

    const sent = emu.requests
      .filter((r) => r.vendorOrigin === CLOUD)
      .map((r) => new URLSearchParams(r.body).get("refresh_token"));
    expect(sent).toEqual(["ls-refresh-0", "ls-refresh-1"]);
    const checks = await db()
      .select()
      .from(healthChecks)
      .where(eq(healthChecks.connectorId, c.id))
      .orderBy(asc(healthChecks.id));
    expect(checks.map((h) => h.reason)).toEqual(["ok", "ok"]);
  });
});
