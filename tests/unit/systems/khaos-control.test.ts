import type { ServerResponse } from "node:http";
import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { getSystem } from "@/lib/systems";
import { serviceDescriptionUrl } from "@/lib/systems/catalog/khaos-control";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const URL_ = "https://khaos.example.com:8084/LiveSoap/KhaosKSD.exe";
const WSDL =
  '<?xml version="1.0"?><wsdl:definitions name="IKhaosKSD" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"><wsdl:service name="IKhaosKSDservice"/></wsdl:definitions>';
const LISTING =
  '<html><head><title>WebService Listing</title></head><body><a href="/LiveSoap/KhaosKSD.exe/wsdl/IKhaosKSD">WSDL</a></body></html>';

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { "content-type": type });
  res.end(body);
}

// Behaves like an on-premise Khaos Control SOAP server: a WSDL listing under {exe}/wsdl, a WSDL per interface.
function khaosServer(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.path === "/LiveSoap/KhaosKSD.exe/wsdl") return send(res, 200, "text/html", LISTING);
    if (req.path === "/LiveSoap/KhaosKSD.exe/wsdl/IKhaosKSD") return send(res, 200, "text/xml", WSDL);
    json(res, 404, { error: "Not Found" });
  });
}

describe("khaos-control", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    khaosServer(emu);
  });
  afterEach(() => emu.close());
  const check = (url = URL_, password = "khaos-pass-123", options: EngineOptions = { dispatcher: emu.dispatcher }) =>
    checkSystem(
      { system: "khaos-control", authType: "soap", credentials: { url, username: "patchworks", password } },
      { timeoutMs: 2000, ...options },
    );

  it("is reachable when the service description loads, and says the credentials are not verified", async () => {
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "reachable_no_auth", httpStatus: 200 });
    expect(result.message).toContain("not verified");
    expect(result.hint).toContain("not verified");
    expect(emu.requests).toHaveLength(1);
    expect(emu.requests[0].path).toBe("/LiveSoap/KhaosKSD.exe/wsdl");
    // Nothing to check them with, so they are never sent anywhere.
    expect(JSON.stringify(emu.requests)).not.toContain("khaos-pass-123");
  });

  it("fetches a URL that already names a WSDL as typed", async () => {
    expect(serviceDescriptionUrl(`${URL_}/wsdl/IKhaosKSD`)).toBe(`${URL_}/wsdl/IKhaosKSD`);
    expect(await check(`${URL_}/wsdl/IKhaosKSD`)).toMatchObject({ reason: "reachable_no_auth" });
  });

  // There is no authentication to reject (see lib/systems/khaos-control.ts): the "rejected" case is a
  // wrong password that still reads as reachable, and a refusal in front of the service that is not auth_failed.
  it("cannot tell a wrong password, and says so rather than claiming it works", async () => {
    const result = await check(URL_, "wrong-password");
    expect(result.reason).toBe("reachable_no_auth");
    expect(result.message).toMatch(/username and password are not verified/);
  });

  it("reports a 401 from something in front of the service as unreachable, not auth_failed", async () => {
    emu.handle((_req, res) => send(res, 401, "text/html", "Unauthorized"));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: 401 });
  });

  it("is unreachable (not_found) with a wrong path, and does not call a web page reachable", async () => {
    expect(await check("https://khaos.example.com:8084/Other.exe")).toMatchObject({
      status: "unreachable",
      reason: "not_found",
    });
    emu.handle((_req, res) => send(res, 200, "text/html", "<html>Welcome to IIS</html>"));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  it("declares the contract's fields and says in the help that credentials are not checked", () => {
    const fields = getSystem("khaos-control")!.authTypes[0].fields;
    expect(fields.find((f) => f.key === "password")?.help).toContain("does not verify");
    expect(fields.find((f) => f.key === "url")?.help).toContain("cannot verify the username and password");
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(URL_, "khaos-pass-123", options),
  );
});
