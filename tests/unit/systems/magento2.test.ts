import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { magento2, MAGENTO_PROBE_PATH } from "@/lib/systems/catalog/magento2";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const TOKEN = "abcdefghijklmnopqrstuvwxyz012345";
const creds = { baseUrl: "https://shop.example.com/rest/V1/", accessToken: TOKEN };
const UNAUTHORIZED = {
  message: "The consumer isn't authorized to access %resources.",
  parameters: { resources: "Magento_Customer::group" },
};

// Behaves like Magento 2.4.4+: a token must be valid and allowed the route's ACL resource, else 401 (magento/magento2#27402).
function magentoApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://shop.example.com" || req.path !== MAGENTO_PROBE_PATH)
      return json(res, 404, { message: "Request does not match any route." });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(res, 401, UNAUTHORIZED);
    json(res, 200, { id: 1, code: "General", tax_class_id: 3, tax_class_name: "Retail Customer" });
  });
}

describe("magento2", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    magentoApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "magento2", authType: "token", credentials }, { timeoutMs: 2000, ...options });

  it("normalises a pasted REST URL to the store URL", () => {
    expect(credentialsSchema(magento2, "token").parse(creds).baseUrl).toBe("https://shop.example.com");
    expect(credentialsSchema(magento2, "token").safeParse({ ...creds, baseUrl: "shop.example.com" }).success).toBe(
      false,
    );
  });

  it("is operational with a valid token on a non-anonymous endpoint", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok" });
    expect(emu.requests[0].path).toBe(MAGENTO_PROBE_PATH);
  });

  it("fails authentication on 401 and points at the standalone Bearer token setting", async () => {
    const result = await check({ ...creds, accessToken: "integration-token-not-allowed" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("Allow OAuth Access Tokens to be used as standalone Bearer tokens");
    expect(result.message).toContain("Magento_Customer::group");
  });

  it("is not_found when the URL is not a Magento store", async () => {
    expect(await check({ ...creds, baseUrl: "https://other.example.com" })).toMatchObject({
      status: "unreachable",
      reason: "not_found",
    });
  });

  it("does not mistake a storefront HTML page for the API", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Welcome</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
