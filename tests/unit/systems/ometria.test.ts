import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const KEY = "om_live_0123456789abcdef";

// Behaves like api.ometria.com/v2 (docs/systems.md): X-Ometria-Auth header, a list of contacts.
function ometriaApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://api.ometria.com" || req.path !== "/v2/contacts")
      return json(res, 404, { message: "Not found" });
    if (req.headers["x-ometria-auth"] !== KEY) return json(res, 401, { message: "Invalid API key" });
    json(
      res,
      200,
      Array.from({ length: 500 }, (_, i) => ({ id: `c${i}`, email: `person${i}@example.com`, firstname: "Pat" })),
    );
  });
}

describe("ometria", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    ometriaApi(emu);
  });
  afterEach(() => emu.close());
  const check = (apiKey: string, options: EngineOptions = { dispatcher: emu.dispatcher }) =>
    checkSystem({ system: "ometria", authType: "api-key", credentials: { apiKey } }, { timeoutMs: 2000, ...options });

  it("is operational with a valid key, reading only the start of the contact list", async () => {
    const result = await check(KEY);
    expect(result).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(JSON.stringify(result)).not.toContain("example.com");
  });

  it("fails authentication with a rejected key, with Ometria's hint", async () => {
    const result = await check("wrong-key");
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("Settings > API Keys");
    emu.handle((_req, res) => json(res, 403, { message: "Forbidden" }));
    expect(await check(KEY)).toMatchObject({ status: "auth_failed", reason: "forbidden" });
  });

  it("is unreachable (not_found) when the API path is wrong", async () => {
    emu.handle((_req, res) => json(res, 404, {}));
    expect(await check(KEY)).toMatchObject({ status: "unreachable", reason: "not_found" });
  });

  it("does not call a non-JSON 200 operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>" + "x".repeat(10000) + "</html>");
    });
    expect(await check(KEY)).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(KEY, options),
  );
});
