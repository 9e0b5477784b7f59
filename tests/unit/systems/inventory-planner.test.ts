import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const creds = { accountId: "a3060", apiKey: "ip_key_abcdef123456" };

// Behaves like app.inventory-planner.com behind Cloudflare (docs/systems.md): raw key + Account header,
// HTML 403 from the firewall without a User-Agent, { meta, variants } on success.
function ipApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (!req.headers["user-agent"]) {
      res.writeHead(403, { "content-type": "text/html" });
      res.end("<!DOCTYPE html><title>Attention Required! | Cloudflare</title>");
      return;
    }
    if (req.vendorOrigin !== "https://app.inventory-planner.com" || req.path !== "/api/v1/variants?limit=1")
      return json(res, 404, { error: "Not found" });
    if (req.headers.authorization !== creds.apiKey || req.headers.account !== creds.accountId)
      return json(res, 401, { result: { status: "error", message: "Invalid API key" } });
    json(res, 200, {
      meta: { name: "variants", total: 120, count: 1, limit: 1 },
      variants: [{ id: "v1", sku: "SKU-1" }],
    });
  });
}

describe("inventory-planner", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    ipApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "inventory-planner", authType: "api-key", credentials }, { timeoutMs: 2000, ...options });

  it("is operational with a valid key and account, sending a User-Agent", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests[0].headers["user-agent"]).toBeTruthy();
  });

  it("fails authentication with a rejected key or the wrong account, with the hint", async () => {
    const result = await check({ ...creds, accountId: "a9999" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("account ID");
    emu.handle((_req, res) => json(res, 403, { result: { status: "error", message: "Access denied" } }));
    expect((await check()).hint).toContain("full access");
  });

  it("reads a Cloudflare HTML 403 as not reaching the API, not as a rejected key", async () => {
    emu.handle((_req, res) => {
      res.writeHead(403, { "content-type": "text/html" });
      res.end("<!DOCTYPE html><title>Attention Required! | Cloudflare</title>");
    });
    const result = await check();
    expect(result).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: 403 });
    expect(result.message).toContain("Cloudflare");
  });

  it("is unreachable (not_found) when the API path is wrong", async () => {
    emu.handle((_req, res) => json(res, 404, {}));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "not_found" });
  });

  it("does not call a 200 without variants operational", async () => {
    emu.handle((_req, res) => json(res, 200, { hello: "world" }));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
