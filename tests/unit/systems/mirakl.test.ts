import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { mirakl } from "@/lib/systems/catalog/mirakl";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const KEY = "5f2a1c9e-0b7d-4a44-9a51-3f5e8c7d2b10";
const creds = { instance: "https://Acme-Prod.mirakl.net/mmp/shop/order/all", apiKey: KEY };

// Behaves like a Mirakl instance (developer.mirakl.com seller API: V01 without auth, OR11 with the raw key in Authorization).
function miraklApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://acme-prod.mirakl.net")
      return json(res, 404, { message: "Not Found", status: 404 });
    if (req.path === "/api/version") return json(res, 200, { version: "3.230.1" });
    if (req.path.split("?")[0] !== "/api/orders") return json(res, 404, { message: "Not Found", status: 404 });
    if (req.headers.authorization !== KEY) return json(res, 401, { message: "Unauthorized", status: 401 });
    json(res, 200, { orders: [{ order_id: "A-1", order_state: "SHIPPING" }], total_count: 42 });
  });
}

describe("mirakl", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    miraklApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "mirakl", authType: "api-key", credentials }, { timeoutMs: 2000, ...options });

  it("normalises the instance from a pasted URL to the bare name", () => {
    const schema = credentialsSchema(mirakl, "api-key");
    expect(schema.parse(creds).instance).toBe("acme-prod");
    expect(schema.parse({ ...creds, instance: "acme-prod.mirakl.net" }).instance).toBe("acme-prod");
    const custom = schema.safeParse({ ...creds, instance: "marketplace.example.com" });
    expect(custom.success).toBe(false);
  });

  it("checks reachability without the key, then the key on a pollable endpoint (never /api/account)", async () => {
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests.map((r) => r.path)).toEqual(["/api/version", "/api/orders?max=1"]);
    expect(emu.requests[0].headers.authorization).toBeUndefined();
    expect(emu.requests[1].headers.authorization).toBe(KEY); // raw key, no "Bearer"
  });

  it("fails authentication with a rejected key, with Mirakl's hint", async () => {
    const result = await check({ ...creds, apiKey: "wrong-key" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("back office");
  });

  it("is unreachable (not_found) when no instance answers at that name, without sending the key", async () => {
    const result = await check({ ...creds, instance: "acme-typo" });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
    expect(result.message).toContain("acme-typo.mirakl.net");
    expect(emu.requests).toHaveLength(1);
  });

  it("does not call a 200 that is not Mirakl operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Sign in</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
    expect(emu.requests).toHaveLength(1);
    // A real instance whose order endpoint answers something else is not proof of a valid key either.
    emu.handle((req, res) =>
      req.path === "/api/version" ? json(res, 200, { version: "3.230.1" }) : json(res, 200, { ok: true }),
    );
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  it("lets the keyed call decide when the version endpoint itself wants a key", async () => {
    emu.handle((req, res) =>
      req.path === "/api/version" ? json(res, 401, { status: 401 }) : json(res, 200, { orders: [], total_count: 0 }),
    );
    expect(await check()).toMatchObject({ status: "operational", reason: "ok" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
