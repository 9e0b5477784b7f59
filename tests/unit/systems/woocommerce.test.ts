import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { woocommerce } from "@/lib/systems/catalog/woocommerce";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const KEY = "ck_0123456789abcdef0123456789abcdef01234567";
const SECRET = "cs_89abcdef0123456789abcdef0123456789abcdef";
const creds = { siteUrl: "https://shop.example.com/", consumerKey: KEY, consumerSecret: SECRET };

// Behaves like WooCommerce core: bad key -> authentication_error, no credentials at all -> cannot_view (401).
function wooApi(emu: Emulator, opts: { stripAuthorization?: boolean } = {}) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://shop.example.com" || !req.path.startsWith("/wp-json/wc/v3/orders"))
      return json(res, 404, {
        code: "rest_no_route",
        message: "No route was found matching the URL and request method.",
        data: { status: 404 },
      });
    const auth = opts.stripAuthorization ? undefined : req.headers.authorization;
    if (!auth)
      return json(res, 401, {
        code: "woocommerce_rest_cannot_view",
        message: "Sorry, you cannot list resources.",
        data: { status: 401 },
      });
    const [key, secret] = Buffer.from(auth.replace(/^Basic /, ""), "base64")
      .toString()
      .split(":");
    if (key !== KEY)
      return json(res, 401, {
        code: "woocommerce_rest_authentication_error",
        message: "Consumer key is invalid.",
        data: { status: 401 },
      });
    if (secret !== SECRET)
      return json(res, 401, {
        code: "woocommerce_rest_authentication_error",
        message: "Consumer secret is invalid.",
        data: { status: 401 },
      });
    json(res, 200, [{ id: 1, status: "processing" }]);
  });
}

describe("woocommerce", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    wooApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "woocommerce", authType: "keys", credentials }, { timeoutMs: 2000, ...options });

  it("requires an https site URL and ck_/cs_ keys", () => {
    const schema = credentialsSchema(woocommerce, "keys");
    expect(schema.parse(creds).siteUrl).toBe("https://shop.example.com");
    const bad = schema.safeParse({
      siteUrl: "http://shop.example.com",
      consumerKey: "cs_swapped",
      consumerSecret: SECRET,
    });
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(["consumerKey", "siteUrl"]);
  });

  it("is operational with valid keys", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok" });
    expect(emu.requests[0].path).toBe("/wp-json/wc/v3/orders?per_page=1");
  });

  it("fails authentication with a wrong secret, with the wrong-keys hint", async () => {
    const result = await check({ ...creds, consumerSecret: "cs_wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("ck_ and cs_");
  });

  it("reports a stripped Authorization header differently (woocommerce_rest_cannot_view)", async () => {
    wooApi(emu, { stripAuthorization: true });
    const result = await check();
    expect(result).toMatchObject({ status: "auth_failed", reason: "header_stripped", httpStatus: 401 });
    expect(result.hint).toContain("Authorization header");
  });

  it("reads a 403 cannot_view as a permissions problem", async () => {
    emu.handle((_req, res) =>
      json(res, 403, {
        code: "woocommerce_rest_cannot_view",
        message: "Sorry, you cannot list resources.",
        data: { status: 403 },
      }),
    );
    const result = await check();
    expect(result).toMatchObject({ status: "auth_failed", reason: "forbidden" });
    expect(result.hint).toContain("Shop Manager");
  });

  it("is not_found when the site has no WooCommerce REST API", async () => {
    const result = await check({ ...creds, siteUrl: "https://blog.example.com" });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found" });
    expect(result.hint).toContain("permalinks");
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
