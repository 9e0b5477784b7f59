import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

// Characters that change under URL encoding, so both forms must be redacted.
const TOKEN = "sk/T0ken+with=odd&chars";
const creds = { url: "https://ihubuat.supplystream.com:8081/api/", token: TOKEN };

// Behaves like SupplyStream iHub (docs/systems.md): token in the query string, HTTP 200 either way, CallStatus decides.
function sekoApi(emu: Emulator) {
  emu.handle((req, res) => {
    const url = new URL(req.path, "http://x");
    if (req.vendorOrigin !== "https://ihubuat.supplystream.com:8081" || url.pathname !== "/api/echo/v1/hello.json")
      return json(res, 404, {});
    const key = url.searchParams.get("api_key");
    if (key !== TOKEN)
      return json(res, 200, {
        CallStatus: { Success: false, Code: 401, Message: `Invalid api_key ${key} (${encodeURIComponent(key ?? "")})` },
      });
    json(res, 200, { CallStatus: { Success: true, Code: 0, Message: "Hello" } });
  });
}

describe("seko", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    sekoApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "seko", authType: "api-key", credentials }, { timeoutMs: 2000, ...options });

  it("is operational when the echo service answers CallStatus.Success true", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests[0].path).toBe(`/api/echo/v1/hello.json?api_key=${encodeURIComponent(TOKEN)}`);
  });

  it("fails authentication on HTTP 200 with Success false, never showing the token in any form", async () => {
    const wrong = "wr/ong+token=1";
    const result = await check({ ...creds, token: wrong });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 200 });
    expect(result.message).toContain("Invalid api_key");
    expect(result.hint).toContain("UAT and live");
    const text = JSON.stringify(result);
    for (const form of [wrong, encodeURIComponent(wrong)]) expect(text).not.toContain(form);
  });

  it("does not leak the token from a redirect or an error status either", async () => {
    emu.handle((req, res) => {
      res.writeHead(302, { location: `https://elsewhere.example/login?next=${encodeURIComponent(req.path)}` });
      res.end();
    });
    const redirected = JSON.stringify(await check());
    emu.handle((req, res) => json(res, 401, { CallStatus: { Success: false, Message: `bad ${req.path}` } }));
    const refused = await check();
    expect(refused).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    for (const text of [redirected, JSON.stringify(refused)]) {
      for (const form of [TOKEN, encodeURIComponent(TOKEN), encodeURIComponent(encodeURIComponent(TOKEN))])
        expect(text).not.toContain(form);
    }
  });

  it("strips a pasted endpoint and query string from the URL field", async () => {
    await check({ ...creds, url: `https://ihubuat.supplystream.com:8081/api/echo/v1/hello.json?api_key=${TOKEN}` });
    expect(emu.requests[0].path.startsWith("/api/echo/v1/hello.json?api_key=")).toBe(true);
  });

  it("is unreachable (not_found) for a wrong URL", async () => {
    expect(await check({ ...creds, url: "https://ihubuat.supplystream.com:8081/hub" })).toMatchObject({
      status: "unreachable",
      reason: "not_found",
    });
  });

  it("does not call a 200 without CallStatus operational", async () => {
    emu.handle((_req, res) => json(res, 200, { hello: "world" }));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
