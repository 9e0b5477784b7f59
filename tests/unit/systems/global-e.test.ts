import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { globalE } from "@/lib/systems/catalog/global-e";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const GUID = "D2ED2A7F-F6ED-4CCB-B611-B44AC8D02250";
const creds = { environment: "integration", merchantGuid: GUID };

// Behaves like Global-e's merchant API (docs/systems.md): per-environment hosts, MerchantGUID header,
// POST + JSON, 401 with an ErrorInfo body when the GUID is invalid or missing.
function globalEApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.path !== "/Browsing/AppVersion") return json(res, 404, {});
    if (req.method !== "POST" || !String(req.headers["content-type"]).includes("json")) return json(res, 405, {});
    const guidFor: Record<string, string> = {
      "https://connect.bglobale.com": GUID,
      "https://api.global-e.com": "11111111-2222-3333-4444-555555555555",
    };
    if (req.headers.merchantguid !== guidFor[req.vendorOrigin])
      return json(res, 401, { Code: "401", Error: "Invalid merchant GUID", Description: "Unauthorized" });
    json(res, 200, { AppVersion: { ApiVersion: "2.1", ClientVersion: "5.0" } });
  });
}

describe("global-e", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    globalEApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "global-e", authType: "merchant-guid", credentials }, { timeoutMs: 2000, ...options });

  it("is operational with a valid GUID in its environment", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests[0]).toMatchObject({
      method: "POST",
      vendorOrigin: "https://connect.bglobale.com",
      path: "/Browsing/AppVersion",
    });
    expect(emu.requests[0].path).not.toContain(GUID);
  });

  it("fails authentication (401) for a GUID of another environment, quoting ErrorInfo and hinting at the environment", async () => {
    const result = await check({ ...creds, environment: "production" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.message).toContain("Invalid merchant GUID");
    expect(result.hint).toContain("environment");
    expect(JSON.stringify(result)).not.toContain(GUID);
  });

  it("validates the GUID's shape and the environment", () => {
    const schema = credentialsSchema(globalE, "merchant-guid");
    expect(schema.safeParse({ environment: "production", merchantGuid: "{" + GUID + "}" }).success).toBe(true);
    expect(schema.safeParse({ environment: "production", merchantGuid: "not-a-guid" }).success).toBe(false);
    expect(schema.safeParse({ environment: "qa", merchantGuid: GUID }).success).toBe(false);
  });

  it("is unreachable (not_found) when the method is missing", async () => {
    emu.handle((_req, res) => json(res, 404, {}));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "not_found" });
  });

  it("does not call a non-JSON 200 operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Global-e</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
