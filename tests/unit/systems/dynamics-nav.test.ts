import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { dynamicsNav } from "@/lib/systems/catalog/dynamics-nav";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const creds = {
  baseUrl: "https://nav.example.com:7048/DynamicsNAV110/ODataV4/Company('CRONUS')/Customer",
  company: "CRONUS UK Ltd.",
  username: "API",
  password: "WSAccessKey0123456789+/abcdefghijklmnopqrst=",
};
const BASIC = `Basic ${Buffer.from(`API:${creds.password}`).toString("base64")}`;
const COMPANIES = ["CRONUS UK Ltd.", "O'Brien & Co"];

// Behaves like a NAV service tier with NavUserPassword (docs/systems.md): OData v4 with $filter, SOAP discovery under /WS.
function navServer(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://nav.example.com:7048") return json(res, 404, {});
    if (req.headers.authorization !== BASIC) {
      res.writeHead(401, { "www-authenticate": 'Basic realm=""' });
      res.end();
      return;
    }
    const url = new URL(req.path, "http://x");
    if (url.pathname === "/DynamicsNAV110/ODataV4/Company") {
      const name = /^Name eq '(.*)'$/.exec(url.searchParams.get("$filter") ?? "")?.[1]?.replace(/''/g, "'");
      return json(res, 200, {
        "@odata.context": "...$metadata#Company",
        value: COMPANIES.filter((c) => c === name).map((Name) => ({ Name })),
      });
    }
    const ws = /^\/DynamicsNAV110\/WS\/(.+)\/Services$/.exec(url.pathname);
    if (ws && COMPANIES.includes(decodeURIComponent(ws[1]))) {
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(
        '<discovery xmlns="http://schemas.xmlsoap.org/disco/"><contractRef ref="https://nav.example.com:7047/DynamicsNAV110/WS/x/Page/Customer" /></discovery>',
      );
      return;
    }
    json(res, 404, { error: { code: "BadRequest_NotFound", message: "Not found" } });
  });
}

describe.each(["dynamics-nav", "navision"])("%s", (id) => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    navServer(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: id, authType: "basic", credentials }, { timeoutMs: 2000, ...options });

  it("is operational when OData finds the company, with Basic and the access key", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    const url = new URL(emu.requests[0].path, "http://x");
    expect(url.pathname).toBe("/DynamicsNAV110/ODataV4/Company");
    expect(url.searchParams.get("$top")).toBe("1");
  });

  it("quotes company names in the OData filter", async () => {
    expect(await check({ ...creds, company: "O'Brien & Co" })).toMatchObject({ status: "operational" });
  });

  it("uses the SOAP discovery document for a /WS base", async () => {
    expect(
      await check({ ...creds, baseUrl: "https://nav.example.com:7048/DynamicsNAV110/WS/CRONUS/Services" }),
    ).toMatchObject({ status: "operational", reason: "ok" });
    expect(emu.requests[0].path).toBe(`/DynamicsNAV110/WS/${encodeURIComponent("CRONUS UK Ltd.")}/Services`);
    expect(
      await check({ ...creds, baseUrl: "https://nav.example.com:7048/DynamicsNAV110/WS", company: "Nope" }),
    ).toMatchObject({ status: "unreachable", reason: "not_found" });
  });

  it("fails authentication with a wrong password, with the access-key hint", async () => {
    const result = await check({ ...creds, password: "wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("web service access key");
  });

  it("says when the server only offers Windows authentication", async () => {
    emu.handle((_req, res) => {
      res.writeHead(401, { "www-authenticate": ["Negotiate", "NTLM"] });
      res.end();
    });
    const result = await check();
    expect(result).toMatchObject({ status: "auth_failed", httpStatus: 401 });
    expect(result.message).toContain("NTLM");
    expect(result.hint).toContain("NavUserPassword");
  });

  it("reports a company that does not exist as not_found (a 200 with no rows)", async () => {
    const result = await check({ ...creds, company: "CRONUS" });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 200 });
    expect(result.hint).toContain("Companies list");
  });

  it("is unreachable (not_found) for a wrong URL", async () => {
    expect(await check({ ...creds, baseUrl: "https://nav.example.com:7048/Other/ODataV4" })).toMatchObject({
      status: "unreachable",
      reason: "not_found",
      httpStatus: 404,
    });
  });

  it("does not call a 200 that is not OData operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>IIS</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});

it("keeps the ODataV4 or WS root of a pasted URL", () => {
  const schema = credentialsSchema(dynamicsNav, "basic");
  expect(schema.parse(creds).baseUrl).toBe("https://nav.example.com:7048/DynamicsNAV110/ODataV4");
  expect(
    schema.parse({ ...creds, baseUrl: "https://nav.example.com:7047/DynamicsNAV110/WS/CRONUS/Services?wsdl" }).baseUrl,
  ).toBe("https://nav.example.com:7047/DynamicsNAV110/WS");
});
