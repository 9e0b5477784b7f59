import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { rebound } from "@/lib/systems/catalog/rebound";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const creds = { login: "acmeapi", apiKey: "rb_key_0123456789" };

// Behaves like intelligentreturns.net/api (docs/systems.md): POST form login/api_key/request; the body decides.
function reboundApi(emu: Emulator, orders: "some" | "none" = "some") {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://intelligentreturns.net" || req.path !== "/api/orders/search")
      return json(res, 404, {});
    const form = new URLSearchParams(req.body);
    if (req.method !== "POST" || !form.get("request"))
      return json(res, 200, { error: { code: "request_empty", message: ["Request is empty"] } });
    if (!form.get("login")) return json(res, 200, { error: { code: "login_empty", message: ["Login is empty"] } });
    if (form.get("login") !== creds.login || form.get("api_key") !== creds.apiKey)
      return json(res, 200, { error: { code: "access_denied", message: ["Access denied"] } });
    if (orders === "none") return json(res, 200, { error: { code: "empty", message: ["No orders found"] } });
    json(res, 200, { success: true, orders: [{ id: 1 }] });
  });
}

describe("rebound", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    reboundApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "rebound", authType: "api-key", credentials }, { timeoutMs: 2000, ...options });

  it("is operational with success, posting login, api_key and a one-day search", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    const form = new URLSearchParams(emu.requests[0].body);
    expect(JSON.parse(form.get("request")!)).toEqual({
      filter: { date_from: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/) },
    });
  });

  it("is operational when there are simply no orders (error.code empty)", async () => {
    reboundApi(emu, "none");
    expect(await check()).toMatchObject({ status: "operational", reason: "ok" });
  });

  it("fails authentication on access_denied in a 200 body, in one request", async () => {
    const result = await check({ ...creds, apiKey: "wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 200 });
    expect(result.message).toContain("access_denied: Access denied");
    expect(result.hint).toContain("blocks addresses");
    expect(emu.requests).toHaveLength(1);
  });

  it("reports ip_blocked as an auth failure with an unblock hint", async () => {
    emu.handle((_req, res) =>
      json(res, 200, {
        error: { code: "ip_blocked", message: ["Your IP was blocked due to many incorrect log in attempts"] },
      }),
    );
    const result = await check();
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials" });
    expect(result.hint).toContain("unblock");
    expect(emu.requests).toHaveLength(1);
  });

  it("normalises the URL to the /api base and requires https", () => {
    const schema = credentialsSchema(rebound, "api-key");
    expect(schema.parse({ ...creds, url: "https://test.intelligentreturns.net" }).url).toBe(
      "https://test.intelligentreturns.net/api",
    );
    expect(schema.parse({ ...creds, url: "https://intelligentreturns.net/api/orders/search" }).url).toBe(
      "https://intelligentreturns.net/api",
    );
    expect(schema.parse(creds).url).toBe("https://intelligentreturns.net/api");
    expect(schema.safeParse({ ...creds, url: "http://intelligentreturns.net/api" }).success).toBe(false);
  });

  it("is unreachable (not_found) for a wrong URL", async () => {
    expect(await check({ ...creds, url: "https://returns.example.com/api" })).toMatchObject({
      status: "unreachable",
      reason: "not_found",
    });
  });

  it("does not call a 200 without success or error operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>ReBound</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
    emu.handle((_req, res) => json(res, 200, { error: { code: "something_new" } }));
    expect((await check()).message).toContain("something_new");
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
