import type { ServerResponse } from "node:http";
import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { visualsoft } from "@/lib/systems/catalog/visualsoft";
import { xmlElementText } from "@/lib/systems/kit/soap-call";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const creds = {
  storeUrl: "https://www.shop.example/api/soap/wsdl/5",
  clientId: "1234",
  username: "apiuser",
  password: "p<ss>",
  version: "5",
};

function soap(res: ServerResponse, body: string, status = 200) {
  res.writeHead(status, { "content-type": "text/xml; charset=utf-8" });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`,
  );
}
const fault = (text: string) =>
  `<SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode><faultstring>${text}</faultstring></SOAP-ENV:Fault>`;

// Behaves like a Visualsoft store's SOAP service (docs/systems.md): VSAuth header, HelloWorld -> "hello world".
function visualsoftApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://www.shop.example") return json(res, 404, {});
    if (req.path !== "/api/soap/service/5")
      return soap(res, fault('Function ("HelloWorld") is not a valid method for this service'), 500);
    const auth = xmlElementText(req.body, "VSAuth") ?? "";
    const ok =
      xmlElementText(auth, "ClientID") === "1234" &&
      xmlElementText(auth, "Username") === "apiuser" &&
      xmlElementText(auth, "Password") === "p<ss>";
    if (!ok) return soap(res, fault("Invalid login details"), 500);
    soap(
      res,
      '<ns1:HelloWorldResponse xmlns:ns1="https://www.shop.example/api/soap/service/5"><return>hello world</return></ns1:HelloWorldResponse>',
    );
  });
}

describe("visualsoft", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    visualsoftApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "visualsoft", authType: "soap", credentials }, { timeoutMs: 2000, ...options });

  it("is operational when HelloWorld answers hello world, with VSAuth in the SOAP header", async () => {
    expect(credentialsSchema(visualsoft, "soap").parse(creds).storeUrl).toBe("https://www.shop.example");
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    const body = emu.requests[0].body;
    expect(xmlElementText(body, "Header")).toContain("VSAuth");
    expect(body).toContain("<Password>p&lt;ss&gt;</Password>");
  });

  it("fails authentication on a SOAP fault, with the hint", async () => {
    const result = await check({ ...creds, password: "wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 500 });
    expect(result.message).toContain("Invalid login details");
    expect(result.hint).toContain("Client ID");
  });

  it("reads an unknown method fault as a wrong version (not_found)", async () => {
    expect(await check({ ...creds, version: "7" })).toMatchObject({ status: "unreachable", reason: "not_found" });
  });

  it("is unreachable (not_found) on a plain 404", async () => {
    expect(await check({ ...creds, storeUrl: "https://other.example" })).toMatchObject({
      status: "unreachable",
      reason: "not_found",
      httpStatus: 404,
    });
  });

  it("does not call a 200 that is not hello world operational", async () => {
    emu.handle((_req, res) =>
      soap(res, "<ns1:HelloWorldResponse><return>maintenance</return></ns1:HelloWorldResponse>"),
    );
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Shop</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
