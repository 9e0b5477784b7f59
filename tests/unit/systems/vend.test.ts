import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { vend } from "@/lib/systems/catalog/vend";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const TOKEN = "vend_pt_9876543210fedcba";
// Long-time Vend users paste the legacy vendhq.com address; the API now lives on retail.lightspeed.app.
const creds = { domainPrefix: "https://shop.vendhq.com/", accessToken: TOKEN };

describe("vend", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator((req, res) => {
      if (req.vendorOrigin !== "https://shop.retail.lightspeed.app" || req.path !== "/api/2.0/retailer")
        return json(res, 404, { error: "Not Found" });
      if (req.headers.authorization !== `Bearer ${TOKEN}`)
        return json(res, 401, { error: "invalid_token", message: "The access token provided is invalid." });
      json(res, 200, { data: { id: "b1e4a2c0-0000-11e9-fa42-67b5781ba1fb", name: "Shop", domain_prefix: "shop" } });
    });
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "vend", authType: "token", credentials }, { timeoutMs: 2000, ...options });

  it("shares the X-Series fields and normalises legacy vendhq.com addresses", () => {
    expect(credentialsSchema(vend, "token").parse(creds).domainPrefix).toBe("shop");
    expect(
      credentialsSchema(vend, "token").parse({ ...creds, domainPrefix: "shop.retail.lightspeed.app" }).domainPrefix,
    ).toBe("shop");
    expect(vend.authTypes[0].fields[0].help).toContain("Vend");
  });

  it("is operational with a valid token, on the current API host", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests[0]).toMatchObject({
      vendorOrigin: "https://shop.retail.lightspeed.app",
      path: "/api/2.0/retailer",
    });
    expect(emu.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("fails authentication with a rejected token", async () => {
    const result = await check({ ...creds, accessToken: "nope" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("Vend");
  });

  it("is unreachable (not_found) for a wrong prefix and for a 200 that is not the API", async () => {
    expect(await check({ ...creds, domainPrefix: "typo" })).toMatchObject({
      status: "unreachable",
      reason: "not_found",
    });
    emu.handle((_req, res) => json(res, 200, { hello: "world" }));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
