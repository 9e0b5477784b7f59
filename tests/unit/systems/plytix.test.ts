import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const AUTH = "https://auth.plytix.com";
const creds = { apiKey: "PLYTIXKEY123", apiPassword: "plytix-password-0123" };

// Behaves like Plytix's token endpoint: JSON {api_key, api_password} -> {data:[{access_token, refresh_token}]}.
function plytixApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== AUTH || req.method !== "POST" || req.path !== "/auth/api/get-token")
      return json(res, 404, { msg: "Not Found" });
    const body = JSON.parse(req.body) as Record<string, string>;
    if (body.api_key !== creds.apiKey || body.api_password !== creds.apiPassword)
      return json(res, 401, { meta: { errors: [{ msg: "Invalid credentials" }] } });
    json(res, 200, { data: [{ access_token: "eyJ.plytix.token", refresh_token: "r" }] });
  });
}

describe("Plytix", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    plytixApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "plytix", authType: "api-key", credentials }, { timeoutMs: 2000, ...options });

  it("is operational: one token request, token read from data[0]", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests.map((r) => `${r.method} ${r.vendorOrigin}${r.path}`)).toEqual([
      `POST ${AUTH}/auth/api/get-token`,
    ]);
    expect(JSON.parse(emu.requests[0].body)).toEqual({ api_key: creds.apiKey, api_password: creds.apiPassword });
  });

  it("fails authentication when the key and password are refused", async () => {
    const result = await check({ ...creds, apiPassword: "wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "token_rejected", httpStatus: 401 });
    expect(result.hint).toContain("accounts.plytix.com");
  });

  it("is not_found when the token endpoint is missing", async () => {
    emu.handle((_req, res) => json(res, 404, {}));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
  });

  it("does not mistake a 200 without data[0].access_token for success", async () => {
    emu.handle((_req, res) => json(res, 200, { access_token: "top-level-is-not-plytix" }));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: 200 });
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Plytix</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
