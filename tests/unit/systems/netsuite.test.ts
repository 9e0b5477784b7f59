import { createHmac, timingSafeEqual } from "node:crypto";
import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { netsuite } from "@/lib/systems/catalog/netsuite";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type EmulatedRequest, type Emulator } from "@/tests/helpers/vendor-mock";

const SECRETS = {
  consumerKey: "ck-1234",
  consumerSecret: "cs&secret/5678",
  tokenId: "tk-abcd",
  tokenSecret: "ts efgh+=",
};
const creds = { accountId: " 1234567-sb1 ", ...SECRETS, scriptId: "123", deployId: "1" };
const INVALID_LOGIN = { error: { code: "INVALID_LOGIN_ATTEMPT", message: "Invalid login attempt." } };

// Independent of lib/systems/kit/oauth1.ts: byte-wise RFC 3986 encoding and manual query parsing.
const enc = (s: string) =>
  [...Buffer.from(s, "utf8")]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");

function authParams(req: EmulatedRequest): Record<string, string> {
  const header = req.headers.authorization ?? "";
  if (!header.startsWith("OAuth ")) return {};
  return Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, decodeURIComponent(v)]));
}

/** Recomputes the HMAC-SHA256 signature the way NetSuite documents it and compares. */
function signatureValid(req: EmulatedRequest, secrets = SECRETS): boolean {
  const p = authParams(req);
  if (p.oauth_signature_method !== "HMAC-SHA256" || p.oauth_version !== "1.0" || !p.oauth_nonce || !p.oauth_signature)
    return false;
  if (Math.abs(Number(p.oauth_timestamp) - Date.now() / 1000) > 300) return false;
  if (p.oauth_consumer_key !== secrets.consumerKey || p.oauth_token !== secrets.tokenId) return false;
  const [path, query = ""] = req.path.split("?");
  const pairs = query
    .split("&")
    .filter(Boolean)
    .map((kv) => kv.split("=").map((x) => enc(decodeURIComponent(x))) as [string, string]);
  for (const [k, v] of Object.entries(p))
    if (k.startsWith("oauth_") && k !== "oauth_signature") pairs.push([enc(k), enc(v)]);
  pairs.sort((a, b) => (a[0] + "=" + a[1] < b[0] + "=" + b[1] ? -1 : 1));
  const base = `GET&${enc(req.vendorOrigin.toLowerCase() + path)}&${enc(pairs.map(([k, v]) => `${k}=${v}`).join("&"))}`;
  const expected = createHmac("sha256", `${enc(secrets.consumerSecret)}&${enc(secrets.tokenSecret)}`)
    .update(base)
    .digest();
  const got = Buffer.from(p.oauth_signature, "base64");
  return got.length === expected.length && timingSafeEqual(got, expected);
}

// Behaves like a deployed RESTlet with a get entry point on a sandbox account (Oracle NetSuite help, section_4634920277).
function restlet(emu: Emulator) {
  emu.handle((req, res) => {
    if (
      req.vendorOrigin !== "https://1234567-sb1.restlets.api.netsuite.com" ||
      !req.path.startsWith("/app/site/hosting/restlet.nl?")
    )
      return json(res, 404, { error: { code: "NOT_FOUND", message: "Not found" } });
    if (authParams(req).realm !== "1234567_SB1" || !signatureValid(req))
      return json(res, 401, INVALID_LOGIN, {
        "www-authenticate":
          'OAuth realm="1234567_SB1", error="token_rejected", error_description="Invalid login attempt."',
      });
    if (req.path !== "/app/site/hosting/restlet.nl?script=123&deploy=1")
      return json(res, 404, {
        error: {
          code: "SSS_INVALID_SCRIPTLET_ID",
          message: "That Suitelet is invalid, disabled, or no longer exists.",
        },
      });
    json(res, 200, { ok: true });
  });
}

describe("netsuite", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    restlet(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "netsuite", authType: "tba", credentials }, { timeoutMs: 2000, ...options });

  it("normalises the account id to the realm form and rejects junk", () => {
    const schema = credentialsSchema(netsuite, "tba");
    expect(schema.parse(creds).accountId).toBe("1234567_SB1");
    expect(schema.parse({ ...creds, accountId: "https://1234567-sb1.app.netsuite.com/app/center" }).accountId).toBe(
      "1234567_SB1",
    );
    expect(schema.parse({ ...creds, accountId: "1234567" }).accountId).toBe("1234567");
    expect(schema.safeParse({ ...creds, accountId: "12 34" }).success).toBe(false);
    expect(schema.safeParse({ ...creds, scriptId: "123&x=1" }).success).toBe(false);
    expect(schema.parse({ ...creds, scriptId: "customscript_health", deployId: "customdeploy_health" }).scriptId).toBe(
      "customscript_health",
    );
  });

  it("is operational with a correctly signed request: realm upper-case with _, host lower-case with -", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    const [req] = emu.requests;
    expect(req).toMatchObject({
      method: "GET",
      vendorOrigin: "https://1234567-sb1.restlets.api.netsuite.com",
      path: "/app/site/hosting/restlet.nl?script=123&deploy=1",
    });
    expect(String(req.headers.authorization)).toMatch(/^OAuth realm="1234567_SB1", oauth_consumer_key="ck-1234"/);
    expect(signatureValid(req)).toBe(true);
    expect(emu.requests).toHaveLength(1);
  });

  it("sends a fresh nonce on every check", async () => {
    await check();
    await check();
    expect(authParams(emu.requests[0]).oauth_nonce).not.toBe(authParams(emu.requests[1]).oauth_nonce);
  });

  it("fails authentication with INVALID_LOGIN_ATTEMPT when a secret is wrong, and lists the usual causes", async () => {
    const result = await check({ ...creds, tokenSecret: "not-the-secret" });
    expect(signatureValid(emu.requests[0])).toBe(false);
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.message).toContain("INVALID_LOGIN_ATTEMPT");
    for (const cause of ["sandbox refresh", "revoked", "role", "1234567_SB1", "Login Audit Trail"])
      expect(result.hint).toContain(cause);
    expect(result.hint).not.toContain("not-the-secret");
  });

  it("points at Web Services Only roles on INVALID_LOGIN_CREDENTIALS", async () => {
    emu.handle((_req, res) =>
      json(res, 401, { error: { code: "INVALID_LOGIN_CREDENTIALS", message: "Invalid login attempt." } }),
    );
    const result = await check();
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials" });
    expect(result.hint).toContain("Web Services Only");
  });

  it("is not_found for an unknown script or deployment", async () => {
    const result = await check({ ...creds, scriptId: "999" });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
    expect(result.message).toContain("script 999");
    expect(result.hint).toContain("Released");
  });

  it("is authenticated when the script itself throws (HTTP 400 with a SuiteScript error)", async () => {
    emu.handle((req, res) =>
      signatureValid(req)
        ? json(res, 400, { error: { code: "SSS_MISSING_REQD_ARGUMENT", message: "id" } })
        : json(res, 401, INVALID_LOGIN),
    );
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 400 });
  });

  it("does not mistake a 200 web page for the RESTlet", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!DOCTYPE html><html><title>NetSuite Login</title></html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: 200 });
  });

  it("does not report a redirect to another data center as a failed login", async () => {
    emu.handle((req, res) => {
      if (req.vendorOrigin === "https://1234567-sb1.restlets.api.netsuite.com") {
        res.writeHead(302, { location: `https://system.eu2.netsuite.com${req.path}` });
        res.end();
      } else json(res, 401, INVALID_LOGIN);
    });
    const result = await check();
    // The request carries the signed Authorization header: the engine does not follow it to another origin.
    expect(result).toMatchObject({ status: "unreachable", reason: "cross_origin_redirect", httpStatus: 302 });
    expect(result.hint).toContain("system.eu2.netsuite.com");
    expect(emu.requests).toHaveLength(1);
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
