import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { businessCentral } from "@/lib/systems/catalog/business-central";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "00001111-aaaa-2222-bbbb-3333cccc4444";
const SECRET = "Abc8Q~secret.value_123";
const creds = { tenantId: TENANT.toUpperCase(), environment: "Production", clientId: CLIENT, clientSecret: SECRET };
const aadError = (status: number, error: string, code: number, text: string) =>
  [
    status,
    {
      error,
      error_description: `AADSTS${code}: ${text}\r\nTrace ID: 1\r\nCorrelation ID: 2\r\nTimestamp: 2025-01-01 00:00:00Z`,
      error_codes: [code],
      trace_id: "1",
      correlation_id: "2",
    },
  ] as const;

// Behaves like the Microsoft identity platform v2.0 token endpoint plus the Business Central API v2.0.
function microsoft(emu: Emulator) {
  const issued = new Set<string>();
  emu.handle((req, res) => {
    if (req.vendorOrigin === "https://login.microsoftonline.com") {
      const form = new URLSearchParams(req.body);
      if (req.method !== "POST" || !req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded"))
        return json(res, 405, {});
      if (req.path !== `/${TENANT}/oauth2/v2.0/token`)
        return json(res, ...aadError(400, "invalid_request", 90002, `Tenant '${req.path.split("/")[1]}' not found.`));
      if (
        form.get("grant_type") !== "client_credentials" ||
        form.get("scope") !== "https://api.businesscentral.dynamics.com/.default"
      )
        return json(res, ...aadError(400, "invalid_scope", 1002012, "The provided value for scope is not valid."));
      if (form.get("client_id") !== CLIENT)
        return json(
          res,
          ...aadError(
            400,
            "unauthorized_client",
            700016,
            `Application with identifier '${form.get("client_id")}' was not found in the directory.`,
          ),
        );
      if (form.get("client_secret") !== SECRET)
        return json(
          res,
          ...aadError(
            401,
            "invalid_client",
            7000215,
            "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.",
          ),
        );
      const token = `eyJ.${issued.size}.sig`;
      issued.add(token);
      return json(res, 200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: token });
    }
    if (req.vendorOrigin !== "https://api.businesscentral.dynamics.com") return json(res, 404, {});
    if (!issued.has(String(req.headers.authorization).replace(/^Bearer /, "")))
      return json(res, 401, {
        error: {
          code: "Authentication_InvalidCredentials",
          message: "The server has rejected the client credentials.",
        },
      });
    if (req.path !== `/v2.0/${TENANT}/Production/api/v2.0/companies`)
      return json(res, 404, {
        error: { code: "BadRequest_ResourceNotFound", message: "Resource not found for the segment." },
      });
    json(res, 200, {
      "@odata.context": "https://api.businesscentral.dynamics.com/v2.0/Production/api/v2.0/$metadata#companies",
      value: [{ id: "824820a2-508c-ed11-aada-000d3a298ab3", name: "CRONUS US", displayName: "CRONUS USA, Inc." }],
    });
  });
}

describe("business-central", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    microsoft(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) =>
    checkSystem(
      { system: "business-central", authType: "client-credentials", credentials },
      { timeoutMs: 2000, ...options },
    );

  it("accepts a tenant GUID or domain and rejects junk", () => {
    const schema = credentialsSchema(businessCentral, "client-credentials");
    expect(schema.parse(creds).tenantId).toBe(TENANT);
    expect(schema.parse({ ...creds, tenantId: "Contoso.onmicrosoft.com" }).tenantId).toBe("contoso.onmicrosoft.com");
    expect(schema.safeParse({ ...creds, tenantId: "not a tenant" }).success).toBe(false);
    expect(schema.safeParse({ ...creds, clientId: "my-app" }).success).toBe(false);
    expect(schema.safeParse({ ...creds, environment: "Production/../x" }).success).toBe(false);
  });

  it("is operational: exchanges the client credentials, then lists companies with the bearer token", async () => {
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(result.message).toContain("1 company");
    expect(emu.requests).toHaveLength(2);
    expect(emu.requests[1].headers.authorization).toBe("Bearer eyJ.0.sig");
  });

  it.each([
    ["a wrong secret", { clientSecret: "Abc8Q~wrong" }, 401, "7000215", "Value"],
    ["an unknown client id", { clientId: "00001111-aaaa-2222-bbbb-999999999999" }, 400, "700016", "client ID"],
    ["an unknown tenant", { tenantId: "11111111-2222-3333-4444-555555555555" }, 400, "90002", "tenant ID"],
  ])("fails authentication with %s and explains the AADSTS code", async (_name, change, status, code, word) => {
    const result = await check({ ...creds, ...change });
    expect(result).toMatchObject({ status: "auth_failed", reason: "token_rejected", httpStatus: status });
    expect(result.message).toContain(`AADSTS${code}`);
    expect(result.hint).toContain(word);
    expect(emu.requests).toHaveLength(1); // no API call after a refused token
  });

  it("points at the Microsoft Entra Applications page when Business Central rejects the token", async () => {
    emu.handle((req, res) =>
      req.vendorOrigin === "https://login.microsoftonline.com"
        ? json(res, 200, { access_token: "eyJ.valid.but.unknown", token_type: "Bearer" })
        : json(res, 401, {
            error: {
              code: "Authentication_InvalidCredentials",
              message: "The server has rejected the client credentials.",
            },
          }),
    );
    const result = await check();
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("Microsoft Entra Applications");
  });

  it("is not_found with an environment hint when the environment does not exist", async () => {
    const result = await check({ ...creds, environment: "Sandbox2" });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
    expect(result.message).toContain('"Sandbox2"');
    expect(result.hint).toContain("environment name");
  });

  it("does not mistake a 200 that is not the companies list for the API", async () => {
    emu.handle((req, res) =>
      req.vendorOrigin === "https://login.microsoftonline.com"
        ? json(res, 200, { access_token: "t" })
        : json(res, 200, { hello: "world" }),
    );
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Sign in to your account</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
