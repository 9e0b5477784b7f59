import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const KEY = "vq_key_0123456789abcdef";

// Behaves like api.veeqo.com: x-api-key header, 401 body captured from the live API (docs/systems.md).
function veeqoApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://api.veeqo.com" || req.path !== "/current_company")
      return json(res, 404, { error: "Not Found" });
    if (req.headers["x-api-key"] !== KEY) return json(res, 401, { error_messages: "You're not authorized" });
    json(res, 200, { id: 42, name: "Acme Warehousing" });
  });
}

describe("veeqo", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    veeqoApi(emu);
  });
  afterEach(() => emu.close());
  const check = (apiKey: string, options: EngineOptions = { dispatcher: emu.dispatcher }) =>
    checkSystem({ system: "veeqo", authType: "api-key", credentials: { apiKey } }, { timeoutMs: 2000, ...options });

  it("is operational with a valid key", async () => {
    const result = await check(KEY);
    expect(result).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(result.message).toContain("Acme Warehousing");
    expect(emu.requests[0]).toMatchObject({ method: "GET", path: "/current_company" });
  });

  it("fails authentication with a rejected key, with Veeqo's hint", async () => {
    const result = await check("wrong-key");
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("per user");
    expect(JSON.stringify(result)).not.toContain("wrong-key");
  });

  it("is unreachable (not_found) when the API path is wrong", async () => {
    emu.handle((_req, res) => json(res, 404, { error: "Not Found" }));
    expect(await check(KEY)).toMatchObject({ status: "unreachable", reason: "not_found" });
  });

  it("does not call a non-JSON 200 operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>maintenance</html>");
    });
    expect(await check(KEY)).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(KEY, options),
  );
});
