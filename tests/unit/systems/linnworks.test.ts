import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { linnworks } from "@/lib/systems/catalog/linnworks";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const APP = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
const SECRET = "0b6b9a3e-2c1d-4f5e-8a7b-9c0d1e2f3a4b";
const TOKEN = "1d2c3b4a-5e6f-4a8b-9c0d-e1f2a3b4c5d6";
const creds = { applicationId: `{${APP.toUpperCase()}}`, applicationSecret: SECRET, token: ` ${TOKEN} ` };

// Behaves like Auth/AuthorizeByApplication (LinnworksNetSDK Auth.cs / BaseSession; errors as in LinnworksNetSDK#22).
function linnworksApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (
      req.vendorOrigin !== "https://api.linnworks.net" ||
      req.path !== "/api/Auth/AuthorizeByApplication" ||
      req.method !== "POST"
    )
      return json(res, 404, { Message: "No HTTP resource was found that matches the request URI." });
    // The official SDK posts a form field `request` holding the JSON; other clients post the JSON itself. Accept both, like the API.
    const raw = req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")
      ? (new URLSearchParams(req.body).get("request") ?? "")
      : req.body;
    let body: Record<string, string>;
    try {
      body = JSON.parse(raw) as Record<string, string>;
    } catch {
      return json(res, 400, { Code: "-", Message: "Invalid request" });
    }
    if (body.ApplicationId !== APP || body.ApplicationSecret !== SECRET)
      return json(res, 401, { Code: "-", Message: "Invalid application id or secret" });
    if (body.Token !== TOKEN) return json(res, 400, { Code: "-", Message: "Token is wrong." });
    json(res, 200, {
      Id: "b0f5ff0e-0b1f-4e4b-9a84-1d9a4b1d8c11",
      UserName: "api@shop.example",
      Token: "f3a8b1c2-d4e5-46f7-8a9b-0c1d2e3f4a5b",
      Server: "https://eu-ext.linnworks.net",
      PushServer: "https://push.linnworks.net",
      TTL: 1800,
      Locality: "EU",
      UserId: "c5b0a2de-1111-2222-3333-444455556666",
      Email: "api@shop.example",
    });
  });
}

describe("linnworks", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    linnworksApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "linnworks", authType: "application", credentials }, { timeoutMs: 2000, ...options });

  it("normalises GUIDs (braces, case, spaces) and rejects anything else", () => {
    const schema = credentialsSchema(linnworks, "application");
    expect(schema.parse(creds)).toEqual({ applicationId: APP, applicationSecret: SECRET, token: TOKEN });
    const bad = schema.safeParse({ ...creds, token: "not-a-guid" });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain("GUID");
  });

  it("is operational when a session is issued, in one JSON request", async () => {
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(result.message).toContain("eu-ext.linnworks.net");
    expect(emu.requests).toHaveLength(1);
    expect(emu.requests[0].headers["content-type"]).toBe("application/json");
    expect(JSON.parse(emu.requests[0].body)).toEqual({ ApplicationId: APP, ApplicationSecret: SECRET, Token: TOKEN });
  });

  it.each([
    [
      "a wrong application secret",
      { applicationSecret: "0b6b9a3e-2c1d-4f5e-8a7b-000000000000" },
      401,
      "Invalid application id or secret",
    ],
    ["a wrong installation token", { token: "1d2c3b4a-5e6f-4a8b-9c0d-000000000000" }, 400, "Token is wrong."],
  ])("fails authentication with %s and quotes Linnworks' message", async (_name, change, status, said) => {
    const result = await check({ ...creds, ...change });
    expect(result).toMatchObject({ status: "auth_failed", reason: "token_rejected", httpStatus: status });
    expect(result.message).toContain(said);
    expect(result.hint).toContain("installation token");
  });

  it("is not_found when the endpoint is missing", async () => {
    emu.handle((_req, res) => json(res, 404, { Message: "No HTTP resource was found." }));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
  });

  it("does not mistake a 200 without a session for success", async () => {
    emu.handle((_req, res) => json(res, 200, { Token: null, Server: null }));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: 200 });
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Linnworks</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
