import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { bleckmann } from "@/lib/systems/catalog/bleckmann";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const KEY = "bl_primary_0123456789";

// Behaves like the gateway in front of apis.bleckmann.com as the one public client uses it (docs/systems.md):
// x-api-key, /warehousing/{skus|returns}?limit=1 answering { data: [...] }; a bad key is refused by the gateway.
function bleckmannApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (req.vendorOrigin !== "https://apis.bleckmann.com") return json(res, 404, { message: "Not Found" });
    const m = /^\/warehousing(\/v1\.6\.0)?\/(skus|returns)\?limit=1$/.exec(req.path);
    if (!m) return json(res, 404, { message: "Resource not found" });
    if (req.headers["x-api-key"] !== KEY) return json(res, 403, { message: "Forbidden" });
    json(res, 200, { data: [{ id: m[2] === "skus" ? "SKU-1" : "RET-1" }], count: 1 });
  });
}

describe.each([
  ["bleckmann", "/warehousing/skus?limit=1"],
  ["bleckmann-returns", "/warehousing/returns?limit=1"],
])("%s", (id, path) => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    bleckmannApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = { apiKey: KEY },
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: id, authType: "api-key", credentials }, { timeoutMs: 2000, ...options });

  it("is operational with a valid key, using the default base URL", async () => {
    expect(await check()).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    expect(emu.requests[0]).toMatchObject({ method: "GET", path });
  });

  it("keeps a versioned /warehousing base as given", async () => {
    expect(await check({ baseUrl: "https://apis.bleckmann.com/warehousing/v1.6.0/", apiKey: KEY })).toMatchObject({
      status: "operational",
    });
    expect(emu.requests[0].path).toBe(path.replace("/warehousing", "/warehousing/v1.6.0"));
  });

  it("fails authentication when the gateway refuses the key, with Bleckmann's hint", async () => {
    const result = await check({ apiKey: "wrong-key" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "forbidden", httpStatus: 403 });
    expect(result.message).toContain("Forbidden");
    expect(result.hint).toContain("Bleckmann");
    emu.handle((_req, res) =>
      json(res, 401, { statusCode: 401, message: "Access denied due to invalid subscription key." }),
    );
    expect(await check()).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 });
  });

  it("is unreachable (not_found) for a wrong base URL", async () => {
    const result = await check({ baseUrl: "https://apis.bleckmann.com/other", apiKey: KEY });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
  });

  it("does not call a 200 web page operational", async () => {
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Bleckmann</html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check({ apiKey: KEY }, options),
  );
});

it("strips a pasted resource path from the base URL", () => {
  expect(
    credentialsSchema(bleckmann, "api-key").parse({
      baseUrl: "https://apis.bleckmann.com/warehousing/skus?x",
      apiKey: "k",
    }).baseUrl,
  ).toBe("https://apis.bleckmann.com/warehousing");
});
