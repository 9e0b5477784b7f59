import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { torque } from "@/lib/systems/catalog/torque";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const creds = { url: "https://wms.torque.example/api/v1/", version: "v1", username: "patchbay", password: "t0rque" };
const BASIC = `Basic ${Buffer.from("patchbay:t0rque").toString("base64")}`;

// Only the Fabric-Laravel repo's probe is known (docs/systems.md): GET {url}/api/{version}/status, Basic, 200 = fine.
function torqueApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://wms.torque.example" || req.path !== "/api/v1/status") return json(res, 404, {});
    if (req.headers.authorization !== BASIC) return json(res, 401, { error: "Unauthorized" });
    json(res, 200, { status: "OK" });
  });
}

describe("torque", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    torqueApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "torque", authType: "basic", credentials }, { timeoutMs: 2000, ...options });

  it("is operational when the status endpoint accepts the user", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests[0].path).toBe("/api/v1/status");
  });

  it("requires https", () => {
    expect(credentialsSchema(torque, "basic").safeParse({ ...creds, url: "http://wms.torque.example" }).success).toBe(
      false,
    );
  });

  it("fails authentication with a wrong password, with the hint", async () => {
    const result = await check({ ...creds, password: "wrong" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
    expect(result.hint).toContain("Torque");
  });

  it("is unreachable (not_found) for a wrong version", async () => {
    expect(await check({ ...creds, version: "v9" })).toMatchObject({ status: "unreachable", reason: "not_found" });
  });

  it("does not call a 200 web page operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><html>Sign in</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
