import type { ServerResponse } from "node:http";
import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { prima } from "@/lib/systems/catalog/prima";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const INSTANCE = "https://prima.example.com:8080/wsadevtest/wsadevtest";
const WSDL =
  '<?xml version="1.0"?><definitions name="wsadevtest" xmlns="http://schemas.xmlsoap.org/wsdl/"><service name="wsomhandler"/></definitions>';

function xml(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { "content-type": "text/xml" });
  res.end(body);
}

// Behaves like a Prima web services instance: the WSDL at {instance}/wsdl, no authentication anywhere.
function primaInstance(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://prima.example.com:8080" || req.path !== "/wsadevtest/wsadevtest/wsdl")
      return json(res, 404, { error: "Not Found" });
    xml(res, 200, WSDL);
  });
}

describe("prima", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    primaInstance(emu);
  });
  afterEach(() => emu.close());
  const check = (over: Record<string, string> = {}, options: EngineOptions = { dispatcher: emu.dispatcher }) =>
    checkSystem(
      { system: "prima", authType: "none", credentials: { instanceUrl: INSTANCE, companyId: "", ...over } },
      { timeoutMs: 2000, ...options },
    );

  it("is reachable when the instance serves its WSDL, and says there is no authentication to check", async () => {
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "reachable_no_auth", httpStatus: 200 });
    expect(result.message).toContain("reachable; this system has no authentication to check");
    expect(emu.requests).toHaveLength(1);
    expect(emu.requests[0]).toMatchObject({ method: "GET", path: "/wsadevtest/wsadevtest/wsdl" });
    expect(emu.requests[0].headers.authorization).toBeUndefined();
  });

  it("accepts the instance URL pasted with its /wsdl ending", async () => {
    expect(await check({ instanceUrl: `${INSTANCE}/wsdl/` })).toMatchObject({ reason: "reachable_no_auth" });
    expect(credentialsSchema(prima, "none").parse({ instanceUrl: `${INSTANCE}/WSDL` }).instanceUrl).toBe(INSTANCE);
  });

  it("is unreachable (not_found) when the instance URL is wrong", async () => {
    const result = await check({ instanceUrl: "https://prima.example.com:8080/nope" });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
    expect(result.hint).toContain("without the final /wsdl");
  });

  it("does not call a web page reachable", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body>It works!</body></html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  // "Rejected" has no meaning without credentials: a 401/403 is an allow-list or proxy in front, never auth_failed.
  it.each([401, 403])("reports HTTP %i as blocked in front of Prima, not as failed authentication", async (status) => {
    emu.handle((_req, res) => xml(res, status, "<error>Forbidden</error>"));
    const result = await check();
    expect(result).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: status });
    expect(result.hint).toContain("allow-list");
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check({}, options),
  );
});
