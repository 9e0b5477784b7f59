import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const KEY = "cl-9f8e7d6c5b4a";

// Behaves like cloudposapi.citruslime.com (docs/systems.md): raw key in Authorization, 401 when unknown, 429 over 1 request/s.
function citrusLimeApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://cloudposapi.citruslime.com" || req.path !== "/api/Store")
      return json(res, 404, { Message: "No HTTP resource was found" });
    if (req.headers.authorization !== KEY)
      return json(res, 401, { Message: "Authorization has been denied for this request." });
    json(res, 200, [{ StoreId: 1, Name: "Cambridge" }]);
  });
}

describe("citrus-lime", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    citrusLimeApi(emu);
  });
  afterEach(() => emu.close());
  const check = (apiKey: string, options: EngineOptions = { dispatcher: emu.dispatcher }) =>
    checkSystem(
      { system: "citrus-lime", authType: "api-key", credentials: { apiKey } },
      { timeoutMs: 2000, ...options },
    );

  it("is operational with a valid key sent without a scheme", async () => {
    expect(await check(KEY)).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests[0]).toMatchObject({ method: "GET", path: "/api/Store" });
    expect(emu.requests[0].headers.authorization).toBe(KEY);
  });

  it("fails authentication with a rejected key, with Citrus-Lime's hint", async () => {
    const result = await check("wrong-key");
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("Setup > Configuration");
    expect(JSON.stringify(result)).not.toContain("wrong-key");
  });

  it("is unreachable (not_found) when the API path is wrong", async () => {
    emu.handle((_req, res) => json(res, 404, {}));
    expect(await check(KEY)).toMatchObject({ status: "unreachable", reason: "not_found" });
  });

  it("says the 1 request/s limit when throttled", async () => {
    emu.handle((_req, res) => json(res, 429, {}, { "retry-after": "1" }));
    const result = await check(KEY);
    expect(result).toMatchObject({ status: "operational", reason: "throttled", retryAfterMs: 1000 });
    expect(result.message).toContain("1 request per second");
  });

  it("does not call a non-JSON 200 operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Cloud POS</html>");
    });
    expect(await check(KEY)).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(KEY, options),
  );
});
