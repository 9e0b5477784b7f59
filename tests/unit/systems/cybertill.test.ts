import type { ServerResponse } from "node:http";
import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { cybertill } from "@/lib/systems/catalog/cybertill";
import { xmlElementText } from "@/lib/systems/kit/soap-call";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const creds = {
  ctNumber: "https://CT05072.c-pos.co.uk/current/",
  version: "1_6",
  authId: "auth<&>id",
  storeUrl: "https://www.example.com",
};

function soap(res: ServerResponse, body: string, status = 200) {
  res.writeHead(status, { "content-type": "text/xml; charset=utf-8" });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`,
  );
}
const session = (value: string) =>
  `<ns1:authenticate_getResponse xmlns:ns1="urn:cybertill"><return>${value}</return></ns1:authenticate_getResponse>`;
const fault = (code: string, text: string) =>
  `<SOAP-ENV:Fault><faultcode>${code}</faultcode><faultstring>${text}</faultstring></SOAP-ENV:Fault>`;

// Behaves like a PHP SoapServer for CybertillApi_v1_6 (docs/systems.md); the refusal forms are GUESSes.
function cybertillApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://ct05072.c-pos.co.uk") return json(res, 404, {});
    if (req.path !== "/current/CybertillApi_v1_6.php")
      return soap(res, fault("SOAP-ENV:Client", "Procedure 'authenticate_get' not present"), 500);
    const call = xmlElementText(req.body, "authenticate_get") ?? "";
    if (xmlElementText(call, "id") !== "auth<&>id")
      return soap(res, fault("SOAP-ENV:Server", "Authentication failed"), 500);
    if (xmlElementText(call, "url") !== "https://www.example.com") return soap(res, session(""));
    soap(res, session("9f8e7d6c5b4a39281706"));
  });
}

describe("cybertill", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    cybertillApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "cybertill", authType: "soap", credentials }, { timeoutMs: 2000, ...options });

  it("normalises the CT number and version", () => {
    expect(credentialsSchema(cybertill, "soap").parse(creds)).toMatchObject({ ctNumber: "ct05072", version: "1.6" });
  });

  it("is operational when authenticate_get returns a session, escaping the auth ID", async () => {
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests[0].body).toContain("<id>auth&lt;&amp;&gt;id</id>");
    expect(JSON.stringify(result)).not.toContain("9f8e7d6c5b4a");
  });

  it("fails authentication on a SOAP fault, with the hint", async () => {
    const result = await check({ ...creds, authId: "wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 500 });
    expect(result.message).toContain("Authentication failed");
    expect(result.hint).toContain("web-store URL");
  });

  it("fails authentication on an empty session string (HTTP 200)", async () => {
    const result = await check({ ...creds, storeUrl: "https://other.example.com" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 200 });
    expect(result.message).toContain("empty session");
  });

  it("reads 'procedure not present' as a wrong version (not_found), not a bad auth ID", async () => {
    expect(await check({ ...creds, version: "1.5" })).toMatchObject({ status: "unreachable", reason: "not_found" });
  });

  it("is unreachable (not_found) on a plain 404", async () => {
    emu.handle((_req, res) => json(res, 404, {}));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
  });

  it("does not call a 200 that is not a SOAP answer operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Cybertill</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
