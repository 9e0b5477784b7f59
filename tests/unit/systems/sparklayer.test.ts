import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const LIVE = "https://app.sparklayer.io";
const TEST = "https://test.app.sparklayer.io";
const creds = {
  environment: "live",
  siteId: "acme-b2b",
  clientId: "sl-client-1",
  clientSecret: "sl-secret-0123456789",
};
const problem = (status: number, title: string, code?: string) => ({
  type: "about:blank",
  title,
  status,
  ...(code ? { errors: [{ code, message: title }] } : {}),
});

// Behaves like SparkLayer's token endpoint (docs.sparklayer.io, "Get an access token"): JSON only, keys per site and environment.
function sparkLayerApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.method !== "POST" || req.path !== "/api/auth/token") return json(res, 404, problem(404, "Not Found"));
    if (!String(req.headers["content-type"]).startsWith("application/json"))
      return json(res, 415, problem(415, "Unsupported Media Type"));
    const body = JSON.parse(req.body) as Record<string, string>;
    const site = req.vendorOrigin === LIVE ? "acme-b2b" : "acme-b2b-test";
    if (req.headers["site-id"] !== site) return json(res, 401, problem(401, "Unauthorized", "invalid_site"));
    if (
      body.grant_type !== "client_credentials" ||
      body.client_id !== creds.clientId ||
      body.client_secret !== creds.clientSecret
    )
      return json(res, 401, problem(401, "Unauthorized", "invalid_client"));
    json(res, 200, { access_token: "sl-token", token_type: "Bearer", expires_in: 3600 });
  });
}

describe("SparkLayer", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    sparkLayerApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) =>
    checkSystem({ system: "sparklayer", authType: "client-credentials", credentials }, { timeoutMs: 2000, ...options });

  it("is operational: one JSON token request with the Site-Id header", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests.map((r) => `${r.method} ${r.vendorOrigin}${r.path}`)).toEqual([`POST ${LIVE}/api/auth/token`]);
    expect(emu.requests[0].headers["site-id"]).toBe("acme-b2b");
    expect(JSON.parse(emu.requests[0].body)).toEqual({
      grant_type: "client_credentials",
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
    });
    expect(await check({ ...creds, environment: "test", siteId: "acme-b2b-test" })).toMatchObject({
      status: "operational",
    });
    expect(emu.requests[1].vendorOrigin).toBe(TEST);
  });

  it("fails authentication when the key or site is refused", async () => {
    const result = await check({ ...creds, clientSecret: "wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "token_rejected", httpStatus: 401 });
    expect(result.message).toContain("invalid_client");
    expect(result.hint).toContain("environment");
    expect(await check({ ...creds, environment: "test" })).toMatchObject({
      status: "auth_failed",
      reason: "token_rejected",
    });
  });

  it("is not_found when the token endpoint is missing", async () => {
    emu.handle((_req, res) => json(res, 404, problem(404, "Not Found")));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
  });

  it("does not mistake a 200 that is not a token for success", async () => {
    emu.handle((_req, res) => json(res, 200, { status: "ok" }));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: 200 });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
