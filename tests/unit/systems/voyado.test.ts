import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { voyado } from "@/lib/systems/catalog/voyado";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const creds = { tenant: "acme", apiKey: "vy-key-0123456789" };

// Behaves like {tenant}.voyado.com Engage API (docs/systems.md): apikey header, User-Agent and JSON
// Content-Type mandatory (500 "An error has occurred" without), a bare number from contacts/count.
function voyadoApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://acme.voyado.com" || req.path !== "/api/v2/contacts/count")
      return json(res, 404, { message: "No HTTP resource was found" });
    if (!req.headers["user-agent"] || !String(req.headers["content-type"]).includes("application/json"))
      return json(res, 500, { message: "An error has occurred." });
    if (req.headers.apikey !== creds.apiKey)
      return json(res, 401, { message: "Authorization has been denied for this request." });
    json(res, 200, 48213);
  });
}

describe("voyado", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    voyadoApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "voyado", authType: "api-key", credentials }, { timeoutMs: 2000, ...options });

  it("is operational with a valid key, sending the mandatory User-Agent and Content-Type", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests[0].headers["user-agent"]).toBeTruthy();
  });

  it("normalises a pasted address to the tenant", () => {
    const schema = credentialsSchema(voyado, "api-key");
    expect(schema.parse({ ...creds, tenant: "https://Acme.voyado.com/ui" }).tenant).toBe("acme");
    expect(schema.parse({ ...creds, tenant: "acme.staging.voyado.com" }).tenant).toBe("acme.staging");
    expect(schema.safeParse({ ...creds, tenant: "acme.example.com" }).success).toBe(false);
  });

  it("fails authentication with a rejected key, hinting at the IP allow-list", async () => {
    const result = await check({ ...creds, apiKey: "wrong-key" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("IP allow-list");
    emu.handle((_req, res) => json(res, 403, { message: "IP not allowed" }));
    expect((await check()).hint).toContain("IP allow-list");
  });

  it("is unreachable (not_found) for an unknown tenant path", async () => {
    emu.handle((_req, res) => json(res, 404, {}));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "not_found" });
  });

  it("does not call a 200 that is not a count operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Voyado</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
    emu.handle((_req, res) => json(res, 200, { count: 3 }));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
