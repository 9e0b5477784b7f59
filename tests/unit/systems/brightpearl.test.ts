import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { brightpearl } from "@/lib/systems/catalog/brightpearl";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const TOKEN = "xOcgfoSsTBnWVAHr46EIWpA5U+/mpflsts/lF7p2jnc=";
const creds = {
  datacenter: "https://euw1.brightpearlapp.com/admin_login.php",
  accountCode: "topfurniture",
  appRef: "topfurniture_autoship",
  accountToken: TOKEN,
};

// Behaves like the Brightpearl public API (help.brightpearl.com: private app auth, JSON structure, throttling).
function brightpearlApi(emu: Emulator) {
  emu.handle((req, res) => {
    const throttle = { "brightpearl-requests-remaining": "199", "brightpearl-next-throttle-period": "59000" };
    if (req.vendorOrigin !== "https://ws-eu1.brightpearl.com" || !req.path.startsWith("/public-api/topfurniture/")) {
      return json(
        res,
        404,
        { errors: [{ code: "CMNC-404", message: `Cannot find the resource ${req.path}` }] },
        throttle,
      );
    }
    if (
      req.headers["brightpearl-app-ref"] !== "topfurniture_autoship" ||
      req.headers["brightpearl-account-token"] !== TOKEN
    ) {
      return json(res, 401, { errors: [{ code: "CMNC-401", message: "Not authenticated" }] }, throttle);
    }
    if (req.path !== "/public-api/topfurniture/warehouse-service/warehouse")
      return json(res, 404, { errors: [{ code: "CMNC-404", message: "Cannot find the resource" }] }, throttle);
    json(
      res,
      200,
      { response: [{ id: 2, name: "Main warehouse", typeCode: "warehouse", address: { addressId: 2 } }] },
      throttle,
    );
  });
}

describe("brightpearl", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    brightpearlApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "brightpearl", authType: "private-app", credentials }, { timeoutMs: 2000, ...options });

  it("maps what users see in their sign-in address to the API datacentre code", () => {
    const schema = credentialsSchema(brightpearl, "private-app");
    expect(schema.parse(creds)).toMatchObject({ datacenter: "eu1", accountCode: "topfurniture" });
    expect(schema.parse({ ...creds, datacenter: "use1" }).datacenter).toBe("use");
    expect(schema.parse({ ...creds, datacenter: "ws-usw.brightpearl.com" }).datacenter).toBe("usw");
    expect(schema.safeParse({ ...creds, datacenter: "mars1" }).success).toBe(false);
    expect(schema.safeParse({ ...creds, accountCode: "https://x.brightpearl.com/" }).success).toBe(false);
  });

  it("is operational with a valid private app, sending both headers", async () => {
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests).toHaveLength(1);
    expect(emu.requests[0]).toMatchObject({
      method: "GET",
      vendorOrigin: "https://ws-eu1.brightpearl.com",
      path: "/public-api/topfurniture/warehouse-service/warehouse",
    });
    expect(emu.requests[0].headers).toMatchObject({
      "brightpearl-app-ref": "topfurniture_autoship",
      "brightpearl-account-token": TOKEN,
    });
  });

  it("fails authentication with a rejected token, quoting Brightpearl's error and hinting at the private app", async () => {
    const result = await check({ ...creds, accountToken: "revoked-token=" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.message).toContain("CMNC-401: Not authenticated");
    expect(result.hint).toContain("Private apps");
    expect(JSON.stringify(result)).not.toContain("revoked-token=");
  });

  it("is unreachable (not_found) for an unknown account code or wrong datacentre", async () => {
    const result = await check({ ...creds, datacenter: "use" });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
    expect(emu.requests[0].vendorOrigin).toBe("https://ws-use.brightpearl.com");
    expect(result.hint).toContain("datacentre");
  });

  it("does not call a 200 that is not the API operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Brightpearl login</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: 200 });
    emu.handle((_req, res) => json(res, 200, { ok: true }));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  it("reads Brightpearl's 503 throttle (requests remaining 0) as throttled, with the next period", async () => {
    emu.handle((_req, res) =>
      json(
        res,
        503,
        { errors: [{ code: "CMNC-503", message: "Too busy" }] },
        { "brightpearl-requests-remaining": "0", "brightpearl-next-throttle-period": "12500" },
      ),
    );
    expect(await check()).toMatchObject({
      status: "operational",
      reason: "throttled",
      throttled: true,
      retryAfterMs: 12500,
      httpStatus: 503,
    });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
