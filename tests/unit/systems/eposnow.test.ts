import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const creds = { apiKey: "EPOSKEY123", apiSecret: "EPOSSECRET456" };
const BASIC = `Basic ${Buffer.from("EPOSKEY123:EPOSSECRET456").toString("base64")}`;

// Behaves like api.eposnowhq.com v4 as documented (docs/systems.md): Basic key:secret, content-type required,
// "API Limit Exceeded" over the device's allowance.
function eposApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://api.eposnowhq.com" || req.path !== "/api/v4/AppSettings")
      return json(res, 404, { Message: "No HTTP resource was found that matches the request URI." });
    if (req.headers.authorization !== BASIC)
      return json(res, 401, { Message: "Authorization has been denied for this request." });
    if (!req.headers["content-type"]) return json(res, 415, {});
    json(res, 200, { CompanyName: "Acme Cafe" });
  });
}

describe("eposnow", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    eposApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "eposnow", authType: "api-key", credentials }, { timeoutMs: 2000, ...options });

  it("is operational with a valid key and secret (HTTP Basic, content-type sent)", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests[0]).toMatchObject({ method: "GET", path: "/api/v4/AppSettings" });
  });

  it("fails authentication with a wrong secret, with Epos Now's hint, and never shows the Basic blob", async () => {
    const result = await check({ ...creds, apiSecret: "WRONGSECRET" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.message).toContain("Authorization has been denied");
    expect(result.hint).toContain("Web Integrations > REST API");
    expect(JSON.stringify(result)).not.toMatch(/WRONGSECRET|RVBPU0tFWTEyMzpXUk9OR1NFQ1JFVA/);
  });

  it('reads "API Limit Exceeded" in the body as throttled, not failed', async () => {
    emu.handle((_req, res) => json(res, 403, { Message: "API Limit Exceeded" }));
    expect(await check()).toMatchObject({
      status: "operational",
      reason: "throttled",
      throttled: true,
      httpStatus: 403,
    });
  });

  it("is unreachable (not_found) when the resource is missing", async () => {
    emu.handle((_req, res) => json(res, 404, {}));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "not_found" });
  });

  it("does not call a non-JSON 200 operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Back Office</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
