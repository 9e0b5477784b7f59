import { eq } from "drizzle-orm";
import { GET } from "@/app/api/sandbox/v1/account/route";
import { connectors } from "@/db/schema";
import { runHealthSweep } from "@/lib/checks/sweep";
import { registerSandboxAccount, setSandboxMode } from "@/lib/sandbox/accounts";
import { getSystem } from "@/lib/systems";
import { useTestDb } from "../../helpers/db";
import { serveRoute } from "../../helpers/serve-route";
import { createConnector, createOrganisation } from "../../helpers/factories";
import { fakeSystem } from "../../helpers/fake-systems";
import { makeDue } from "../../helpers/health";
import { json, startEmulator } from "../../helpers/vendor-mock";

const db = useTestDb();
const apiKey = "sbx_sweep_key_0123456789";

describe("health sweep: sandbox connectors", () => {
  it("are checked like any other, through the address guard for the app's own origin only", async () => {
    const org = await createOrganisation(db());
    const sandbox = await createConnector(db(), org.orgId, {
      systemId: "sandbox",
      authType: "api-key",
      credentials: { apiKey },
    });
    await registerSandboxAccount(db(), { orgId: org.orgId, connectorId: sandbox.id, name: "Sweep sandbox", apiKey });
    const vendor = await startEmulator((_req, res) => json(res, 200, {}));
    const elsewhere = await createConnector(db(), org.orgId, {
      systemId: "fake-loopback",
      authType: "token",
      credentials: { url: `${vendor.origin}/x`, token: "t0ken-value" },
    });
    const app = await serveRoute(GET);
    const options = {
      appOrigin: app.origin,
      allowPrivateNetworks: false, // the guard is on: only the app origin may be private
      resolveSystem: (id: string) => (id === "fake-loopback" ? fakeSystem() : getSystem(id)),
      retention: false,
    };
    try {
      expect(await runHealthSweep(db(), options)).toMatchObject({ claimed: 2, checked: 2 });
      const row = async (id: string) => (await db().select().from(connectors).where(eq(connectors.id, id)))[0];
      expect(await row(sandbox.id)).toMatchObject({ status: "operational", lastReason: "ok" });
      expect(await row(elsewhere.id)).toMatchObject({ status: "unreachable", lastReason: "blocked_address" });
      expect(vendor.requests).toHaveLength(0);

      // An administrator switches the sandbox to reject credentials: confirmed after two sweeps (flap control).
      await setSandboxMode(db(), org.admin, { connectorId: sandbox.id, mode: "rejecting" });
      for (const expected of ["operational", "auth_failed"]) {
        await makeDue(db(), [sandbox.id]);
        await runHealthSweep(db(), options);
        expect((await row(sandbox.id)).status).toBe(expected);
      }
    } finally {
      await app.close();
      await vendor.close();
    }
  });
});
