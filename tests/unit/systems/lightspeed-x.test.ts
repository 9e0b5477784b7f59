import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { lightspeedX } from "@/lib/systems/catalog/lightspeed-x";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const TOKEN = "lsxs_pt_0123456789abcdefABCDEF";
const creds = { domainPrefix: "https://MyStore.retail.lightspeed.app/webregister", accessToken: TOKEN };

// Behaves like the X-Series API 2.0 (x-series-api.lightspeedhq.com): Bearer token, 401 envelope { error, message }.
function xSeriesApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://mystore.retail.lightspeed.app" || req.path !== "/api/2.0/retailer")
      return json(res, 404, { error: "Not Found" });
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return json(res, 401, { error: "invalid_token", message: "The access token provided is invalid." });
    json(res, 200, {
      data: { id: "0adfd74a-153e-11e9-fa42-67b5781ba1fb", name: "My Store", domain_prefix: "mystore", currency: "NZD" },
    });
  });
}

describe("lightspeed-x", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    xSeriesApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "lightspeed-x", authType: "token", credentials }, { timeoutMs: 2000, ...options });

  it("normalises the domain prefix from either host", () => {
    const schema = credentialsSchema(lightspeedX, "token");
    expect(schema.parse(creds).domainPrefix).toBe("mystore");
    expect(schema.parse({ ...creds, domainPrefix: "mystore.retail.lightspeed.app" }).domainPrefix).toBe("mystore");
    expect(schema.safeParse({ ...creds, domainPrefix: "www.mystore.com" }).success).toBe(false);
  });

  it("is operational with a valid token and names the store", async () => {
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(result.message).toContain("My Store");
    expect(emu.requests[0]).toMatchObject({ method: "GET", path: "/api/2.0/retailer" });
    expect(emu.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("fails authentication with a rejected token, hinting at personal tokens", async () => {
    const result = await check({ ...creds, accessToken: "expired-token" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("Personal tokens");
  });

  it("is unreachable (not_found) for an unknown store", async () => {
    const result = await check({ ...creds, domainPrefix: "otherstore" });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
    expect(result.message).toContain('"otherstore"');
  });

  it("does not call a 200 that is not the API operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Sign in to Lightspeed</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: 200 });
    emu.handle((_req, res) => json(res, 200, { data: [] }));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
