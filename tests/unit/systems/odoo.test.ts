import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { odoo } from "@/lib/systems/catalog/odoo";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const creds = {
  url: "https://acme.odoo.com/odoo/action-123",
  database: "acme",
  username: "api@acme.com",
  password: " key with spaces ",
};

// Behaves like Odoo's /jsonrpc (docs/systems.md): authenticate answers the uid, false for a bad login (HTTP 200),
// and an error envelope carrying the Python exception for an unknown database.
function odooApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://acme.odoo.com" || req.path !== "/jsonrpc" || req.method !== "POST")
      return json(res, 404, {});
    const { params, id } = JSON.parse(req.body) as {
      params: { service: string; method: string; args: string[] };
      id: number;
    };
    const [db, login, password] = params.args;
    if (params.service !== "common" || params.method !== "authenticate")
      return json(res, 200, { jsonrpc: "2.0", id, error: { code: 200, message: "Odoo Server Error" } });
    if (db !== "acme") {
      return json(res, 200, {
        jsonrpc: "2.0",
        id,
        error: {
          code: 200,
          message: "Odoo Server Error",
          data: {
            name: "psycopg2.OperationalError",
            message: `connection to server at "10.0.0.5", port 5432 failed: FATAL:  database "${db}" does not exist\n`,
          },
        },
      });
    }
    json(res, 200, {
      jsonrpc: "2.0",
      id,
      result: login === "api@acme.com" && password === " key with spaces " ? 7 : false,
    });
  });
}

describe("odoo", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    odooApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "odoo", authType: "password", credentials }, { timeoutMs: 2000, ...options });

  it("is operational when authenticate returns a user id", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect((JSON.parse(emu.requests[0].body) as { params: unknown }).params).toEqual({
      service: "common",
      method: "authenticate",
      args: ["acme", "api@acme.com", " key with spaces ", {}],
    });
  });

  it("normalises a pasted address bar URL", () => {
    expect(credentialsSchema(odoo, "password").parse(creds).url).toBe("https://acme.odoo.com");
    expect(
      credentialsSchema(odoo, "password").parse({ ...creds, url: "https://erp.example.com/web#id=3&model=x" }).url,
    ).toBe("https://erp.example.com");
  });

  it("fails authentication on HTTP 200 with result false, with Odoo's hint", async () => {
    const result = await check({ ...creds, password: "wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 200 });
    expect(result.message).toContain("authenticate returned false");
    expect(result.hint).toContain("API key");
  });

  it("reads an unknown database from the error envelope as not_found, with a hint", async () => {
    const result = await check({ ...creds, database: "acme-old" });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 200 });
    expect(result.message).toContain('no database "acme-old"');
    expect(result.hint).toContain("database name");
    expect(result.message).not.toContain("10.0.0.5");
  });

  it("is unreachable (not_found) without a JSON-RPC endpoint", async () => {
    emu.handle((_req, res) => json(res, 404, {}));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
  });

  it("does not call a 200 that is not JSON-RPC operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Odoo login</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
    emu.handle((_req, res) => json(res, 200, { jsonrpc: "2.0", id: 1, result: "yes" }));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
