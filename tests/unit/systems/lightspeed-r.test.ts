import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, slow, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const CLOUD = "https://cloud.lightspeedapp.com";
const API = "https://api.lightspeedapp.com";
const creds = {
  clientId: "patchbay-app",
  clientSecret: "ls-client-secret-0123",
  refreshToken: "ls-refresh-0",
  accountId: "123456",
};

/** Behaves like Lightspeed's OAuth server (refresh tokens rotate: the used one is revoked) and the V3 API. */
function lightspeedApi(emu: Emulator) {
  const refresh = new Set(["ls-refresh-0"]);
  const access = new Set<string>();
  let n = 0;
  emu.handle((req, res) => {
    if (req.vendorOrigin === CLOUD) {
      if (req.method !== "POST" || req.path !== "/auth/oauth/token") return json(res, 404, { error: "not_found" });
      const form = new URLSearchParams(req.body);
      if (form.get("client_id") !== creds.clientId || form.get("client_secret") !== creds.clientSecret)
        return json(res, 401, { error: "invalid_client", error_description: "Client authentication failed" });
      const used = form.get("refresh_token") ?? "";
      if (form.get("grant_type") !== "refresh_token" || !refresh.delete(used))
        return json(res, 400, { error: "invalid_grant", error_description: "The refresh token is invalid." });
      const next = { access_token: `ls-access-${++n}`, refresh_token: `ls-refresh-${n}` };
      access.add(next.access_token);
      refresh.add(next.refresh_token);
      return json(res, 200, { ...next, expires_in: 3600, token_type: "bearer", scope: "employee:all" });
    }
    if (req.vendorOrigin !== API) return json(res, 404, {});
    if (!access.has(String(req.headers.authorization).replace(/^Bearer /, "")))
      return json(res, 401, { httpCode: "401", message: "Invalid access token." });
    if (req.path !== "/API/V3/Account/123456.json")
      return json(res, 404, { httpCode: "404", message: "Account not found." });
    json(
      res,
      200,
      { "@attributes": { count: "1" }, Account: { accountID: "123456", name: "Corner Shop" } },
      { "x-ls-acct-id": "123456" },
    );
  });
}

describe("Lightspeed Retail R-Series", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    lightspeedApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "lightspeed-r", authType: "oauth2", credentials }, { timeoutMs: 2000, ...options });

  it("is operational: refreshes, reads the account, and hands back the rotated refresh token", async () => {
    const result = await check();
    expect(result).toMatchObject({
      status: "operational",
      reason: "ok",
      httpStatus: 200,
      rotatedCredentials: { refreshToken: "ls-refresh-1" },
    });
    expect(result.message).toContain("Corner Shop");
    expect(emu.requests.map((r) => `${r.method} ${r.vendorOrigin}${r.path}`)).toEqual([
      `POST ${CLOUD}/auth/oauth/token`,
      `GET ${API}/API/V3/Account/123456.json`,
    ]);
    expect(Object.fromEntries(new URLSearchParams(emu.requests[0].body))).toEqual({
      grant_type: "refresh_token",
      refresh_token: "ls-refresh-0",
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
    });
    expect(emu.requests[1].headers.authorization).toBe("Bearer ls-access-1");
  });

  it("needs the rotated token on the next check: the old one is revoked", async () => {
    const first = await check();
    expect(first.rotatedCredentials).toEqual({ refreshToken: "ls-refresh-1" });
    const stale = await check();
    expect(stale).toMatchObject({ status: "auth_failed", reason: "token_rejected", httpStatus: 400 });
    expect(stale.message).toContain("invalid_grant");
    expect(stale.hint).toContain("authorise the app again");
    expect(stale.rotatedCredentials).toBeUndefined();
    const fresh = await check({ ...creds, ...first.rotatedCredentials });
    expect(fresh).toMatchObject({ status: "operational", rotatedCredentials: { refreshToken: "ls-refresh-2" } });
  });

  it("fails authentication when the client secret is wrong", async () => {
    const result = await check({ ...creds, clientSecret: "wrong-secret" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "token_rejected", httpStatus: 401 });
    expect(result.hint).toContain("client secret");
    expect(emu.requests).toHaveLength(1);
  });

  it("is not_found for an unknown account, and still keeps the rotated token", async () => {
    const result = await check({ ...creds, accountId: "999" });
    expect(result).toMatchObject({
      status: "unreachable",
      reason: "not_found",
      httpStatus: 404,
      rotatedCredentials: { refreshToken: "ls-refresh-1" },
    });
    expect(result.hint).toContain("Account ID");
    emu.handle((_req, res) => json(res, 404, {}));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
  });

  it("does not mistake a 200 that is not the API for success", async () => {
    emu.handle((req, res) =>
      req.vendorOrigin === CLOUD
        ? json(res, 200, { access_token: "a", refresh_token: "r2" })
        : json(res, 200, { status: "ok" }),
    );
    expect(await check()).toMatchObject({
      status: "unreachable",
      reason: "unexpected_response",
      rotatedCredentials: { refreshToken: "r2" },
    });
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Lightspeed</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  it("keeps the rotated token when the API call after the refresh times out", async () => {
    emu.handle(
      slow(0, (req, res) =>
        req.vendorOrigin === CLOUD ? json(res, 200, { access_token: "a", refresh_token: "r3" }) : undefined,
      ),
    );
    const result = await check(creds, { dispatcher: emu.dispatcher, timeoutMs: 300 });
    expect(result).toMatchObject({
      status: "unreachable",
      reason: "timeout",
      rotatedCredentials: { refreshToken: "r3" },
    });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
