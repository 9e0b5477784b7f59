import { createHmac } from "node:crypto";
import { checkSystem } from "@/lib/checks/check-system";
import type { EngineOptions } from "@/lib/health";
import { signTikTok } from "@/lib/systems/catalog/tiktok-shop";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const API = "https://open-api.tiktokglobalshop.com";
const AUTH = "https://auth.tiktok-shops.com";
const KEY = "6abc1def2ghi3";
const SECRET = "tts-app-secret-0123456789";
const creds = { appKey: KEY, appSecret: SECRET, accessToken: "TTP_access_0", refreshToken: "TTP_refresh_0" };
const envelope = (code: number, message: string, data: unknown = {}) => ({
  code,
  message,
  data,
  request_id: "2024010112345678",
});

// The emulator's own reading of the signing rule, written out independently of the probe.
function expectedSign(path: string, query: URLSearchParams): string {
  const pairs = [...query.entries()]
    .filter(([k]) => k !== "sign" && k !== "access_token")
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const base = SECRET + path + pairs.map(([k, v]) => k + v).join("") + SECRET;
  return createHmac("sha256", SECRET).update(base).digest("hex");
}

/** Behaves like TikTok Shop's Partner API and auth server: signed calls, expiring access tokens, rotating refresh tokens. */
function tiktokApi(
  emu: Emulator,
  state = { valid: new Set(["TTP_access_0"]), expired: new Set<string>(), refresh: new Set(["TTP_refresh_0"]), n: 0 },
) {
  emu.handle((req, res) => {
    const url = new URL(req.path, "http://x");
    if (req.vendorOrigin === AUTH && url.pathname === "/api/v2/token/refresh") {
      const q = url.searchParams;
      if (
        q.get("app_key") !== KEY ||
        q.get("app_secret") !== SECRET ||
        !state.refresh.delete(q.get("refresh_token") ?? "")
      )
        return json(res, 200, envelope(36004005, "invalid refresh token"));
      const n = ++state.n;
      state.valid.add(`TTP_access_${n}`);
      state.refresh.add(`TTP_refresh_${n}`);
      return json(
        res,
        200,
        envelope(0, "success", {
          access_token: `TTP_access_${n}`,
          access_token_expire_in: 1700000000,
          refresh_token: `TTP_refresh_${n}`,
          refresh_token_expire_in: 1800000000,
        }),
      );
    }
    if (req.vendorOrigin !== API || url.pathname !== "/authorization/202309/shops")
      return json(res, 404, envelope(40006, "Invalid path"));
    if (
      url.searchParams.get("app_key") !== KEY ||
      url.searchParams.get("sign") !== expectedSign(url.pathname, url.searchParams)
    ) {
      return json(res, 401, envelope(106001, "Invalid credentials. The 'sign' query parameter is invalid."));
    }
    if (Math.abs(Number(url.searchParams.get("timestamp")) - Date.now() / 1000) > 300)
      return json(res, 200, envelope(106003, "timestamp out of range"));
    const token = String(req.headers["x-tts-access-token"]);
    if (state.expired.has(token)) return json(res, 200, envelope(105002, "access token is expired, please refresh it"));
    if (!state.valid.has(token)) return json(res, 200, envelope(105001, "access token is invalid"));
    json(
      res,
      200,
      envelope(0, "Success", {
        shops: [
          { id: "7494105515082810525", name: "Corner Shop", region: "GB", cipher: "GCP_xyz", code: "GBLCTXQHN6" },
        ],
      }),
    );
  });
  return state;
}

describe("TikTok Shop", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "tiktok-shop", authType: "oauth2", credentials }, { timeoutMs: 2000, ...options });

  it("signs like the published rule (a fixed vector)", () => {
    const params = { app_key: "k", timestamp: "1700000000", access_token: "never-signed" };
    const base = "s/authorization/202309/shopsapp_keyktimestamp1700000000s";
    expect(signTikTok("s", "/authorization/202309/shops", params)).toBe(
      createHmac("sha256", "s").update(base).digest("hex"),
    );
  });

  it("is operational with a valid signature and access token, in one request", async () => {
    tiktokApi(emu);
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(result.message).toContain("1 authorised shop");
    expect(result.rotatedCredentials).toBeUndefined();
    expect(emu.requests).toHaveLength(1);
    expect(emu.requests[0].headers["x-tts-access-token"]).toBe("TTP_access_0");
    expect(emu.requests[0].path).not.toContain("access_token");
  });

  it("refreshes an expired access token, retries, and hands back both rotated tokens", async () => {
    const state = tiktokApi(emu);
    state.valid.delete("TTP_access_0");
    state.expired.add("TTP_access_0");
    const first = await check();
    expect(first).toMatchObject({
      status: "operational",
      rotatedCredentials: { accessToken: "TTP_access_1", refreshToken: "TTP_refresh_1" },
    });
    expect(emu.requests.map((r) => r.vendorOrigin)).toEqual([API, AUTH, API]);
    // The used refresh token is gone: a second refresh with it fails, the rotated pair works.
    expect(await check()).toMatchObject({ status: "auth_failed", reason: "token_rejected" });
    expect(await check({ ...creds, ...first.rotatedCredentials })).toMatchObject({ status: "operational" });
  });

  it("fails authentication on a bad app secret (signature) or a revoked access token", async () => {
    tiktokApi(emu);
    const badSign = await check({ ...creds, appSecret: "wrong-secret-0000" });
    expect(badSign).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(badSign.message).toContain("106001");
    expect(badSign.hint).toContain("App secret");
    const revoked = await check({ ...creds, accessToken: "TTP_revoked" });
    expect(revoked).toMatchObject({ status: "auth_failed", reason: "invalid_credentials" });
    expect(revoked.hint).toContain("authorise the app again");
  });

  it("is not_found on a wrong path, and unexpected on an unknown code or a 200 that is not the API", async () => {
    emu.handle((_req, res) => json(res, 404, {}));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
    emu.handle((_req, res) => json(res, 200, envelope(36009004, "something else")));
    expect(await check()).toMatchObject({
      status: "unreachable",
      reason: "unexpected_response",
      message: expect.stringContaining("36009004"),
    });
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>TikTok Shop</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
