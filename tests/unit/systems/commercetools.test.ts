import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { commercetools } from "@/lib/systems/catalog/commercetools";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const AUTH = "https://auth.europe-west1.gcp.commercetools.com";
const API = "https://api.europe-west1.gcp.commercetools.com";
const ID = "KWInIEciqZ6nRwRcbp9wlEZ5";
const SECRET = "prWcZhBZ9HlIkp7tXyHLzGBUA_g6_q5M";
const GRANTED = ["manage_project:my-shop", "view_project_settings:my-shop"];
const creds = {
  projectKey: "my-shop",
  clientId: ID,
  clientSecret: SECRET,
  scope: "  view_project_settings:my-shop ",
  apiUrl: `${API}/`,
  authUrl: `${AUTH}/oauth/token`,
};
const ctError = (status: number, code: string, message: string) => ({
  statusCode: status,
  message,
  errors: [{ code, message }],
  error: code,
  error_description: message,
});

// Behaves like the commercetools auth and HTTP APIs (docs.commercetools.com/api/authorization).
function ctApi(emu: Emulator) {
  const tokens = new Map<string, string[]>();
  emu.handle((req, res) => {
    if (req.vendorOrigin === AUTH) {
      if (req.method !== "POST" || req.path !== "/oauth/token")
        return json(res, 404, ctError(404, "ResourceNotFound", "Not found."));
      if (req.headers.authorization !== `Basic ${Buffer.from(`${ID}:${SECRET}`).toString("base64")}`)
        return json(
          res,
          401,
          ctError(401, "invalid_client", "Please provide valid client credentials using HTTP Basic Authentication."),
        );
      const form = new URLSearchParams(req.body);
      if (form.get("grant_type") !== "client_credentials")
        return json(res, 400, ctError(400, "unsupported_grant_type", "Invalid grant type."));
      const asked = form.get("scope")?.split(" ") ?? GRANTED;
      if (asked.some((s) => !GRANTED.includes(s)))
        return json(res, 400, ctError(400, "invalid_scope", `Invalid scopes: ${asked.join(" ")}`));
      const token = `ct-token-${tokens.size}`;
      tokens.set(token, asked);
      return json(res, 200, { access_token: token, token_type: "Bearer", expires_in: 172800, scope: asked.join(" ") });
    }
    if (req.vendorOrigin !== API) return json(res, 404, {});
    const scopes = tokens.get(String(req.headers.authorization).replace(/^Bearer /, ""));
    if (!scopes) return json(res, 401, ctError(401, "invalid_token", "invalid_token"));
    if (req.path !== "/my-shop")
      return json(
        res,
        404,
        ctError(404, "ResourceNotFound", `The Resource with key '${req.path.slice(1)}' was not found.`),
      );
    if (!scopes.some((s) => /^(view_project_settings|manage_project):my-shop$/.test(s)))
      return json(
        res,
        403,
        ctError(
          403,
          "insufficient_scope",
          "Insufficient scope. One of the following scopes is missing: view_project_settings",
        ),
      );
    json(res, 200, {
      key: "my-shop",
      name: "My Shop",
      countries: ["GB"],
      currencies: ["GBP"],
      languages: ["en-GB"],
      version: 3,
    });
  });
}

describe("commercetools", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    ctApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) =>
    checkSystem(
      { system: "commercetools", authType: "client-credentials", credentials },
      { timeoutMs: 2000, ...options },
    );

  it("normalises region URLs and scope, and insists on https", () => {
    const schema = credentialsSchema(commercetools, "client-credentials");
    expect(schema.parse(creds)).toMatchObject({ apiUrl: API, authUrl: AUTH, scope: "view_project_settings:my-shop" });
    expect(schema.parse({ ...creds, scope: "" }).scope).toBe("");
    const plain = schema.safeParse({ ...creds, apiUrl: "http://api.europe-west1.gcp.commercetools.com" });
    expect(plain.success).toBe(false);
    expect(JSON.stringify(plain.error?.issues)).toContain("https://");
    expect(schema.safeParse({ ...creds, projectKey: "My Shop" }).success).toBe(false);
  });

  it("is operational: Basic auth token exchange with the scope, then reads the project", async () => {
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(result.message).toContain("My Shop");
    expect(emu.requests.map((r) => `${r.method} ${r.vendorOrigin}${r.path}`)).toEqual([
      `POST ${AUTH}/oauth/token`,
      `GET ${API}/my-shop`,
    ]);
    expect(new URLSearchParams(emu.requests[0].body).get("scope")).toBe("view_project_settings:my-shop");
    expect(emu.requests[1].headers.authorization).toBe("Bearer ct-token-0");
  });

  it("leaves the scope out when blank, so the token gets all of the client's scopes", async () => {
    expect(await check({ ...creds, scope: "" })).toMatchObject({ status: "operational" });
    expect(new URLSearchParams(emu.requests[0].body).has("scope")).toBe(false);
  });

  it("fails authentication when the token endpoint rejects the client", async () => {
    const result = await check({ ...creds, clientSecret: "wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "token_rejected", httpStatus: 401 });
    expect(result.message).toContain("invalid_client");
    expect(result.hint).toContain("client secret");
    expect(emu.requests).toHaveLength(1);
  });

  it("explains invalid_scope separately", async () => {
    const result = await check({ ...creds, scope: "manage_orders:my-shop" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "token_rejected", httpStatus: 400 });
    expect(result.hint).toContain("leave it blank");
  });

  it("reports a token without project access as forbidden with the missing scope", async () => {
    emu.handle((req, res) =>
      req.vendorOrigin === AUTH
        ? json(res, 200, { access_token: "t", scope: "manage_orders:my-shop" })
        : json(res, 403, ctError(403, "insufficient_scope", "Insufficient scope.")),
    );
    const result = await check();
    expect(result).toMatchObject({ status: "auth_failed", reason: "forbidden", httpStatus: 403 });
    expect(result.hint).toContain("view_project_settings:my-shop");
  });

  it("is not_found for an unknown project key or a wrong auth URL", async () => {
    const result = await check({ ...creds, projectKey: "other-shop", scope: "" });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
    expect(result.message).toContain('"other-shop"');
    expect(await check({ ...creds, authUrl: "https://auth.us-central1.gcp.commercetools.com" })).toMatchObject({
      status: "unreachable",
      reason: "not_found",
    });
  });

  it("does not mistake a 200 that is not the project for the API", async () => {
    emu.handle((req, res) =>
      req.vendorOrigin === AUTH ? json(res, 200, { access_token: "t" }) : json(res, 200, { status: "ok" }),
    );
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: 200 });
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Merchant Center</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
