import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const creds = { apiUrl: "https://api.mysitoo.com/v2/", accountId: "10020", apiId: "10020-140", password: "s1too pass" };
const BASIC = `Basic ${Buffer.from("10020-140:s1too pass").toString("base64")}`;

// Behaves like api.mysitoo.com (docs/systems.md): Basic API ID:password, sites.json { totalcount, items }, 401 text.
function sitooApi(emu: Emulator) {
  emu.handle((req, res) => {
    const m = /^\/v2\/accounts\/(\d+)\/sites\.json$/.exec(req.path);
    if (req.vendorOrigin !== "https://api.mysitoo.com" || !m)
      return json(res, 404, { statuscode: 404, message: "Not found" });
    if (req.headers.authorization !== BASIC || m[1] !== "10020")
      return json(res, 401, { statuscode: 401, message: "Unauthorized. Authorization failed." });
    json(res, 200, { totalcount: 1, items: [{ siteid: 1, title: "Webshop" }] });
  });
}

describe("sitoo", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    sitooApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "sitoo", authType: "basic", credentials }, { timeoutMs: 2000, ...options });

  it("is operational with a valid API ID and password (pasted /v2 removed)", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests[0]).toMatchObject({ method: "GET", path: "/v2/accounts/10020/sites.json" });
  });

  it("fails authentication with a wrong password, hinting at the IP allow-list", async () => {
    const result = await check({ ...creds, password: "nope" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("IP allow-list");
  });

  it("points out an account ID that does not match the API ID", async () => {
    const result = await check({ ...creds, accountId: "10021" });
    expect(result).toMatchObject({ status: "auth_failed", httpStatus: 401 });
    expect(result.hint).toContain("does not start with the account ID 10021");
  });

  it("is unreachable (not_found) for a wrong API URL", async () => {
    expect(await check({ ...creds, apiUrl: "https://api.mysitoo.com/api" })).toMatchObject({
      status: "unreachable",
      reason: "not_found",
    });
  });

  it("does not call a 200 that is not a site list operational", async () => {
    emu.handle((_req, res) => json(res, 200, { ok: true }));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
