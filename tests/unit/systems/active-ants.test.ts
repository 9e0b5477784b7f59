import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const LIVE = "https://shopapi.activeants.nl";
const TEST = "https://shopapitest.activeants.nl";
const creds = { environment: "live", username: "shop-user", password: "ants-pass-123" };

// Behaves like the Active Ants shop API token endpoint: OAuth password grant, HTTP 400 for bad credentials.
function activeAntsApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.method !== "POST" || req.path !== "/token")
      return json(res, 404, { Message: "No HTTP resource was found that matches the request URI." });
    const form = new URLSearchParams(req.body);
    const user = req.vendorOrigin === TEST ? "test-user" : "shop-user";
    if (form.get("grant_type") !== "password") return json(res, 400, { error: "unsupported_grant_type" });
    if (form.get("username") !== user || form.get("password") !== creds.password)
      return json(res, 400, { error: "invalid_grant", error_description: "The user name or password is incorrect." });
    json(res, 200, {
      access_token: "aa-token",
      token_type: "bearer",
      expires_in: 1209599,
      ".expires": "Mon, 01 Jan 2030 00:00:00 GMT",
    });
  });
}

describe("Active Ants", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    activeAntsApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "active-ants", authType: "password", credentials }, { timeoutMs: 2000, ...options });

  it("is operational: one password-grant token request to the chosen environment", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests.map((r) => `${r.method} ${r.vendorOrigin}${r.path}`)).toEqual([`POST ${LIVE}/token`]);
    expect(Object.fromEntries(new URLSearchParams(emu.requests[0].body))).toEqual({
      grant_type: "password",
      username: "shop-user",
      password: "ants-pass-123",
    });
    expect(await check({ ...creds, environment: "test", username: "test-user" })).toMatchObject({
      status: "operational",
    });
    expect(emu.requests[1].vendorOrigin).toBe(TEST);
  });

  it("fails authentication on HTTP 400 from the token endpoint", async () => {
    const result = await check({ ...creds, password: "wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "token_rejected", httpStatus: 400 });
    expect(result.message).toContain("invalid_grant");
    expect(result.hint).toContain("environment");
    // Live credentials against the test environment are refused the same way.
    expect(await check({ ...creds, environment: "test" })).toMatchObject({
      status: "auth_failed",
      reason: "token_rejected",
    });
  });

  it("is not_found when the token endpoint is missing", async () => {
    emu.handle((_req, res) => json(res, 404, {}));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
  });

  it("does not mistake a 200 that is not a token for success", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Active Ants</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: 200 });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
