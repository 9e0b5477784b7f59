import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { zigzag } from "@/lib/systems/catalog/zigzag";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const URL_ = "https://returns-api.example-retailer.com";
const creds = { url: URL_, username: "api-user", password: "zz-pass-0123" };

// Behaves like ZigZag's token call: JSON {username, password} -> a JWT; 401 for bad credentials.
function zigzagApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.method !== "POST" || req.path !== "/Return/api/v1/Account/Token")
      return json(res, 404, { message: "Not found" });
    const body = JSON.parse(req.body) as Record<string, string>;
    if (body.username !== creds.username || body.password !== creds.password)
      return json(res, 401, { message: "Invalid username or password" });
    json(res, 200, { token: "eyJhbGciOiJIUzI1NiJ9.e30.sig", expires: "2030-01-01T00:30:00Z" });
  });
}

describe("ZigZag", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    zigzagApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "zigzag", authType: "password", credentials }, { timeoutMs: 2000, ...options });

  it("normalises a pasted token URL to the base", () => {
    const schema = credentialsSchema(zigzag, "password");
    expect(schema.parse({ ...creds, url: `${URL_}/Return/api/v1/Account/Token/` }).url).toBe(URL_);
    expect(schema.safeParse({ ...creds, url: "http://returns-api.example-retailer.com" }).success).toBe(false);
  });

  it("is operational: one JSON token request", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests.map((r) => `${r.method} ${r.vendorOrigin}${r.path}`)).toEqual([
      `POST ${URL_}/Return/api/v1/Account/Token`,
    ]);
    expect(JSON.parse(emu.requests[0].body)).toEqual({ username: "api-user", password: "zz-pass-0123" });
  });

  it("accepts a bare JWT string as the answer too", async () => {
    emu.handle((_req, res) => json(res, 200, "eyJhbGciOiJIUzI1NiJ9.e30.sig"));
    expect(await check()).toMatchObject({ status: "operational" });
  });

  it("fails authentication on 401", async () => {
    const result = await check({ ...creds, password: "wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "token_rejected", httpStatus: 401 });
    expect(result.hint).toContain("not your portal login");
  });

  it("is not_found for a wrong URL", async () => {
    emu.handle((_req, res) => json(res, 404, {}));
    const result = await check();
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
    expect(result.hint).toContain("API URL");
  });

  it("does not mistake a 200 that is not a token for success", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Returns portal</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: 200 });
    emu.handle((_req, res) => json(res, 200, { ok: true }));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
