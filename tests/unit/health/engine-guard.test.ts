import { MockAgent } from "undici";
import { classifyResponse } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { fakeSystem, fixedLookup } from "@/tests/helpers/fake-systems";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

// The guard is on by default: no allowPrivateNetworks here unless a test says so.
const run = (url: string, options = {}) =>
  checkSystem(
    { system: fakeSystem(), authType: "token", credentials: { url, token: "tok-secret-1" } },
    { timeoutMs: 2000, ...options },
  );
// A probe sending no credentials: redirects to other origins are followed (and guarded) for it.
const anonymous = fakeSystem({
  probe: async ({ credentials, http }) =>
    classifyResponse(await http.request(credentials.url, { headers: { "x-trace": "t-1" } })),
});
const runAnonymous = (url: string, options = {}) =>
  checkSystem(
    { system: anonymous, authType: "token", credentials: { url, token: "tok-secret-1" } },
    { timeoutMs: 2000, ...options },
  );

describe("SSRF guard in checkSystem", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator((_req, res) => json(res, 200, {}));
  });
  afterEach(() => emu.close());
  const port = () => new URL(emu.origin).port;

  it.each([
    "http://127.0.0.1:{port}/",
    "http://[::ffff:127.0.0.1]:{port}/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://localhost:{port}/",
  ])("refuses %s before connecting", async (template) => {
    const result = await run(template.replace("{port}", port()));
    expect(result).toMatchObject({ status: "unreachable", reason: "blocked_address" });
    expect(emu.requests).toHaveLength(0);
  });

  it("refuses a public-looking name that resolves to a private address, at connect time", async () => {
    const result = await run(`http://shop.example.com:${port()}/`, { lookup: fixedLookup("127.0.0.1") });
    expect(result).toMatchObject({ reason: "blocked_address" });
    expect(emu.requests).toHaveLength(0);
    // Same resolver with the guard lifted: the request lands, so the refusal above was the guard's doing.
    const allowed = await run(`http://shop.example.com:${port()}/`, {
      lookup: fixedLookup("127.0.0.1"),
      allowPrivateNetworks: true,
    });
    expect(allowed.reason).toBe("ok");
    expect(emu.requests).toHaveLength(1);
  });

  it("refuses IPv4-mapped IPv6 answers from DNS too", async () => {
    expect(await run(`http://shop.example.com:${port()}/`, { lookup: fixedLookup("::ffff:10.1.2.3") })).toMatchObject({
      reason: "blocked_address",
    });
  });

  it("lets an allow-listed origin through, but not other private origins", async () => {
    expect((await run(`${emu.origin}/`, { allowedOrigins: [emu.origin] })).reason).toBe("ok");
    expect((await run(`http://127.0.0.1:1/`, { allowedOrigins: [emu.origin] })).reason).toBe("blocked_address");
  });

  it("re-checks every redirect hop: an allowed origin cannot bounce us to a blocked one", async () => {
    emu.handle((req, res) => {
      if (req.path === "/start") return json(res, 302, {}, { location: "http://169.254.169.254/latest/meta-data/" });
      json(res, 200, {});
    });
    expect(await runAnonymous(`${emu.origin}/start`, { allowedOrigins: [emu.origin] })).toMatchObject({
      reason: "blocked_address",
    });
  });

  it("refuses a redirect to a name that resolves to a private address", async () => {
    emu.handle((_req, res) => json(res, 307, {}, { location: `http://rebind.example.com:${port()}/` }));
    const result = await runAnonymous(`${emu.origin}/start`, {
      allowedOrigins: [emu.origin],
      lookup: fixedLookup("127.0.0.1"),
    });
    expect(result.reason).toBe("blocked_address");
    expect(emu.requests).toHaveLength(1);
  });

  it("follows at most 3 redirects", async () => {
    emu.handle((req, res) => {
      const n = Number(req.path.slice(1));
      if (n < 3) return json(res, 302, {}, { location: `/${n + 1}` });
      json(res, 200, {});
    });
    expect((await run(`${emu.origin}/0`, { allowPrivateNetworks: true })).reason).toBe("ok");
    emu.handle((req, res) => json(res, 302, {}, { location: `/${Number(req.path.slice(1)) + 1}` }));
    const tooMany = await run(`${emu.origin}/0`, { allowPrivateNetworks: true });
    expect(tooMany).toMatchObject({ status: "unreachable", reason: "unexpected_response", httpStatus: 302 });
  });

  it("follows a cross-origin redirect of a request without credentials, keeping only safe headers", async () => {
    const other = await startEmulator((_req, res) => json(res, 200, {}));
    try {
      emu.handle((_req, res) => json(res, 302, {}, { location: `${other.origin}/landing` }));
      expect((await runAnonymous(`${emu.origin}/start`, { allowPrivateNetworks: true })).reason).toBe("ok");
      expect(emu.requests[0].headers["x-trace"]).toBe("t-1");
      expect(other.requests).toHaveLength(1);
      expect(other.requests[0].headers["x-trace"]).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it("with a caller's dispatcher (MockAgent) still refuses literal private IPs before the request", async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock.get("https://api.example.com").intercept({ path: "/x" }).reply(200, {});
    mock.get("http://10.0.0.1").intercept({ path: "/x" }).reply(200, {});
    try {
      expect((await run("https://api.example.com/x", { dispatcher: mock })).reason).toBe("ok");
      expect((await run("http://10.0.0.1/x", { dispatcher: mock })).reason).toBe("blocked_address");
      expect(mock.pendingInterceptors()).toHaveLength(1); // the 10.0.0.1 one was never used
    } finally {
      await mock.close();
    }
  });
});
