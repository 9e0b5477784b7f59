import https from "node:https";
import type { AddressInfo } from "node:net";
import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type EmulatorHandler, type Emulator } from "@/tests/helpers/vendor-mock";

const SL = "https://sap.example-erp.com:50000";
const creds = {
  serviceLayerUrl: `${SL}/b1s/v1/`,
  companyDb: "SBODEMOGB",
  username: "manager",
  password: "b1-pass-0123",
};
const sapError = (code: number, value: string) => ({ error: { code, message: { lang: "en-us", value } } });

// Behaves like the Service Layer: Login sets B1SESSION/ROUTEID cookies, Logout needs them, failures use SAP's error envelope.
const serviceLayer: EmulatorHandler = (req, res) => {
  if (req.method === "POST" && req.path === "/b1s/v1/Login") {
    const body = JSON.parse(req.body) as Record<string, string>;
    if (body.CompanyDB !== "SBODEMOGB" || body.UserName !== "manager" || body.Password !== "b1-pass-0123")
      return json(res, 401, sapError(100000027, "Login failed"));
    res.setHeader("set-cookie", ["B1SESSION=5a1e-77; path=/b1s/v1; Secure; HttpOnly", "ROUTEID=.node1; path=/b1s"]);
    return json(res, 200, {
      "odata.metadata": `${SL}/b1s/v1/$metadata#B1Sessions/@Element`,
      SessionId: "5a1e-77",
      Version: "1000190",
      SessionTimeout: 30,
    });
  }
  if (req.method === "POST" && req.path === "/b1s/v1/Logout")
    return void res.writeHead(req.headers.cookie?.includes("B1SESSION=5a1e-77") ? 204 : 401).end();
  json(res, 404, sapError(-1, "Resource not found"));
};

// A real TLS server with a self-signed certificate (CN sap-b1.local, SAN 127.0.0.1), like a default Service Layer install.
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgDsF5Qc7vqg2i6doM
TPxuIIXj3RZDRGXdp3yclJ1ppAyhRANCAARPLKVKC0WPyeHMSxm6iXtVEih3hZqF
t3kZNAdF/G8J1BSB0Gnp2Kgdgk5O1Z4fGNa9G3nGGCjv11Q21sf3wJ8y
-----END PRIVATE KEY-----`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBojCCAUegAwIBAgIURLJ2/aiqTPTo5PU7nviwj9rwgKIwCgYIKoZIzj0EAwIw
FzEVMBMGA1UEAwwMc2FwLWIxLmxvY2FsMCAXDTI2MTEyNzEwNDYzOFoYDzIxMjYx
MTAzMTA0NjM4WjAXMRUwEwYDVQQDDAxzYXAtYjEubG9jYWwwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAARPLKVKC0WPyeHMSxm6iXtVEih3hZqFt3kZNAdF/G8J1BSB
0Gnp2Kgdgk5O1Z4fGNa9G3nGGCjv11Q21sf3wJ8yo28wbTAdBgNVHQ4EFgQUAc9Y
EObuf7yFRcGZWw7CghZiTCcwHwYDVR0jBBgwFoAUAc9YEObuf7yFRcGZWw7CghZi
TCcwDwYDVR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3Qw
CgYIKoZIzj0EAwIDSQAwRgIhAPylJoDXvBXRrY5S3XQyLqBr7/Qd7vxZyRUUFWS4
z8BnAiEAjmwtXCw826m9RCVpDoQT0L+vW/k9FEPysEqb+cwSB0s=
-----END CERTIFICATE-----`;

describe("SAP Business One", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator(serviceLayer);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "sap-business-one", authType: "password", credentials }, { timeoutMs: 2000, ...options });

  it("is operational: logs in, then logs out with the session cookies", async () => {
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(result.message).toContain("SBODEMOGB");
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /b1s/v1/Login", "POST /b1s/v1/Logout"]);
    expect(JSON.parse(emu.requests[0].body)).toEqual({
      CompanyDB: "SBODEMOGB",
      UserName: "manager",
      Password: "b1-pass-0123",
    });
    expect(emu.requests[1].headers.cookie).toBe("B1SESSION=5a1e-77; ROUTEID=.node1");
  });

  it("fails authentication on SAP's 'Login failed' envelope, without logging out", async () => {
    const result = await check({ ...creds, password: "wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.message).toContain("100000027");
    expect(result.message).toContain("Login failed");
    expect(result.hint).toContain("company database");
    expect(emu.requests).toHaveLength(1);
  });

  it("is not_found for a wrong path, and rejects a URL that is not a Service Layer base", async () => {
    emu.handle((_req, res) => json(res, 404, {}));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
    await expect(check({ ...creds, serviceLayerUrl: `${SL}/` })).rejects.toMatchObject({ code: "INVALID" });
  });

  it("does not mistake a 200 that is not a Service Layer session for success", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>SAP Business One Web Client</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: 200 });
  });

  describe("certificate verification against a real self-signed TLS server", () => {
    let server: https.Server;
    let base: string;
    beforeAll(async () => {
      server = https.createServer({ key: KEY, cert: CERT }, (req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on(
          "end",
          () =>
            void serviceLayer(
              {
                method: req.method ?? "GET",
                vendorOrigin: "",
                path: req.url ?? "/",
                headers: req.headers,
                body: Buffer.concat(chunks).toString(),
              },
              res,
            ),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `https://127.0.0.1:${(server.address() as AddressInfo).port}/b1s/v1`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const local = { allowPrivateNetworks: true, timeoutMs: 2000 };

    it("is a TLS error by default, with a hint naming the trade-off", async () => {
      const result = await check({ ...creds, serviceLayerUrl: base }, local);
      expect(result).toMatchObject({ status: "unreachable", reason: "tls_error" });
      expect(result.hint).toContain("Certificate verification to Skip");
    });

    it("connects when verification is skipped for this connector, and logs out over the same agent", async () => {
      const result = await check({ ...creds, serviceLayerUrl: base, tlsVerify: "skip" }, local);
      expect(result).toMatchObject({ status: "operational", reason: "ok" });
      expect(result.message).toContain("certificate not verified");
    });

    it("still applies the address guard when verification is skipped", async () => {
      expect(await check({ ...creds, serviceLayerUrl: base, tlsVerify: "skip" }, { timeoutMs: 2000 })).toMatchObject({
        status: "unreachable",
        reason: "blocked_address",
      });
    });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
