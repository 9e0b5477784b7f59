import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { bigcommerce } from "@/lib/systems/catalog/bigcommerce";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const TOKEN = "bc_token_0123456789abcdefghij";
const creds = {
  storeHash: "https://api.bigcommerce.com/stores/abc123xyz/v3/",
  clientId: "client-1",
  accessToken: TOKEN,
};

// Behaves like api.bigcommerce.com (developer.bigcommerce.com api-status-codes).
function bigcommerceApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://api.bigcommerce.com") return json(res, 404, {});
    const match = req.path.match(/^\/stores\/([a-z0-9]+)\/v2\/store$/);
    if (!match || match[1] !== "abc123xyz")
      return json(res, 404, [{ status: 404, message: "The requested resource was not found." }]);
    if (req.headers["x-auth-token"] !== TOKEN)
      return json(res, 401, [{ status: 401, message: "You are not authorized to perform this action." }]);
    json(res, 200, { id: "abc123xyz", name: "Bike Shop" });
  });
}

describe("bigcommerce", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    bigcommerceApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "bigcommerce", authType: "token", credentials }, { timeoutMs: 2000, ...options });

  it("extracts the store hash from a pasted API path or control panel host", () => {
    const schema = credentialsSchema(bigcommerce, "token");
    expect(schema.parse(creds).storeHash).toBe("abc123xyz");
    expect(schema.parse({ ...creds, storeHash: "store-abc123xyz.mybigcommerce.com" }).storeHash).toBe("abc123xyz");
    expect(schema.safeParse({ ...creds, storeHash: "my store!" }).success).toBe(false);
  });

  it("is operational with a valid token", async () => {
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "ok" });
    expect(result.message).toContain("Bike Shop");
    expect(emu.requests[0].headers["x-auth-client"]).toBe("client-1");
  });

  it("fails authentication with a rejected token", async () => {
    expect(await check({ ...creds, accessToken: "nope-nope" })).toMatchObject({
      status: "auth_failed",
      reason: "invalid_credentials",
      httpStatus: 401,
    });
  });

  it("explains a 403 as a missing scope", async () => {
    emu.handle((_req, res) =>
      json(res, 403, [{ status: 403, message: "You don't have a required scope to access the endpoint" }]),
    );
    const result = await check();
    expect(result).toMatchObject({ status: "auth_failed", reason: "forbidden" });
    expect(result.hint).toContain("Information & settings");
  });

  it("is not_found for an unknown store hash", async () => {
    const result = await check({ ...creds, storeHash: "zzz999" });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found" });
    expect(result.hint).toContain("store hash");
  });

  it("reads BigCommerce's reset window when there is no Retry-After", async () => {
    emu.handle((_req, res) => json(res, 429, {}, { "x-rate-limit-time-reset-ms": "4500" }));
    expect(await check()).toMatchObject({ reason: "throttled", retryAfterMs: 4500 });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
