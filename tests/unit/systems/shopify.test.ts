import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { shopify, SHOPIFY_API_VERSION } from "@/lib/systems/catalog/shopify";
import { json, refusedDispatcher, slow, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const TOKEN = "shpat_0123456789abcdef0123456789abcdef";
const creds = { store: "https://My-Shop.myshopify.com/", accessToken: TOKEN };

// Behaves like the GraphQL Admin API (shopify.dev/docs/api/usage/response-codes).
function shopifyApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (
      req.path !== `/admin/api/${SHOPIFY_API_VERSION}/graphql.json` ||
      req.vendorOrigin !== "https://my-shop.myshopify.com"
    )
      return json(res, 404, { errors: "Not Found" });
    const basic = `Basic ${Buffer.from("key-123:pass-456").toString("base64")}`;
    if (req.headers["x-shopify-access-token"] !== TOKEN && req.headers.authorization !== basic) {
      return json(
        res,
        401,
        { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" },
        { "www-authenticate": 'Basic Realm="Shopify API Authentication"' },
      );
    }
    if ((JSON.parse(req.body) as { query?: unknown }).query !== "{ shop { name } }")
      return json(res, 400, { errors: "bad query" });
    json(res, 200, { data: { shop: { name: "My Shop" } } });
  });
}

describe("shopify", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    shopifyApi(emu);
  });
  afterEach(() => emu.close());
  const check = (credentials: Record<string, string>, authType = "token", timeoutMs = 2000) =>
    checkSystem({ system: "shopify", authType, credentials }, { dispatcher: emu.dispatcher, timeoutMs });

  it("normalises the store and rejects junk with the field's message", () => {
    const schema = credentialsSchema(shopify, "token");
    expect(schema.parse(creds).store).toBe("my-shop");
    expect(schema.parse({ ...creds, store: "admin.shopify.com/store/my-shop" }).store).toBe("my-shop");
    const bad = schema.safeParse({ ...creds, store: "www.example.com" });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain("custom domain");
  });

  it("is operational with a valid token", async () => {
    const result = await check(creds);
    expect(result).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(result.message).toContain("My Shop");
    expect(emu.requests[0]).toMatchObject({ method: "POST", vendorOrigin: "https://my-shop.myshopify.com" });
  });

  it("uses HTTP Basic for legacy private apps", async () => {
    const ok = await check({ store: "my-shop", apiKey: "key-123", password: "pass-456" }, "legacy");
    expect(ok.reason).toBe("ok");
    const bad = await check({ store: "my-shop", apiKey: "key-123", password: "wrong-pass" }, "legacy");
    expect(bad).toMatchObject({ status: "auth_failed", reason: "invalid_credentials" });
    expect(bad.hint).toContain("private app");
  });

  it("fails authentication with a rejected token", async () => {
    const result = await check({ ...creds, accessToken: "shpat_wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("shpat_");
  });

  it.each([
    [402, "frozen"],
    [423, "locked"],
  ])("reports HTTP %i as an inactive account", async (status, word) => {
    emu.handle((_req, res) => json(res, status, { errors: "Unavailable Shop" }));
    const result = await check(creds);
    expect(result).toMatchObject({ status: "auth_failed", reason: "account_inactive", httpStatus: status });
    expect(result.message).toContain(word);
  });

  it("says there is no shop by that name on 404", async () => {
    const result = await check({ ...creds, store: "other-shop" });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found" });
    expect(result.message).toContain('"other-shop"');
  });

  it("is unreachable when Shopify is down or refuses the connection", async () => {
    emu.handle((_req, res) => json(res, 503, { errors: "Service Unavailable" }));
    expect(await check(creds)).toMatchObject({ status: "unreachable", reason: "http_5xx", httpStatus: 503 });
    const refused = await checkSystem(
      { system: "shopify", authType: "token", credentials: creds },
      { dispatcher: await refusedDispatcher() },
    );
    expect(refused).toMatchObject({ status: "unreachable", reason: "connection_refused" });
  });

  it("times out on a slow answer", async () => {
    emu.handle(slow(2000, (_req, res) => json(res, 200, { data: { shop: { name: "Late" } } })));
    const result = await check(creds, "token", 300);
    expect(result).toMatchObject({ status: "unreachable", reason: "timeout" });
    expect(result.latencyMs).toBeLessThan(1500);
  });

  it("treats 429 as reached but throttled", async () => {
    emu.handle((_req, res) => json(res, 429, { errors: "Throttled" }, { "retry-after": "2.0" }));
    expect(await check(creds)).toMatchObject({
      status: "operational",
      reason: "throttled",
      throttled: true,
      retryAfterMs: 2000,
    });
  });
});
