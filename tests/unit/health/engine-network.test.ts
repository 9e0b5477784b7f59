import net, { type AddressInfo } from "node:net";
import { checkSystem } from "@/lib/checks/check-system";
import { failingLookup, fakeSystem, scripted } from "@/tests/helpers/fake-systems";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

// Real sockets on 127.0.0.1; allowPrivateNetworks lets the engine reach them.
const local = { allowPrivateNetworks: true, timeoutMs: 2000 };
const run = (url: string, options = {}, system = fakeSystem()) =>
  checkSystem({ system, authType: "token", credentials: { url, token: "tok-secret-1" } }, { ...local, ...options });

describe("checkSystem over real sockets", () => {
  let emu: Emulator;
  beforeEach(async () => (emu = await startEmulator()));
  afterEach(() => emu.close());

  it.each([
    [200, "operational", "ok"],
    [401, "auth_failed", "invalid_credentials"],
    [403, "auth_failed", "forbidden"],
    [404, "unreachable", "not_found"],
    [502, "unreachable", "http_5xx"],
    [418, "unreachable", "unexpected_response"],
  ])("HTTP %i -> %s / %s, with latency, date, message and hint", async (status, expected, reason) => {
    emu.handle((_req, res) => json(res, status, {}));
    const result = await run(`${emu.origin}/x`);
    expect(result).toMatchObject({ status: expected, reason, httpStatus: status });
    expect(result.message.length).toBeGreaterThan(10);
    expect(result.hint.length).toBeGreaterThan(10);
    expect(result.checkedAt).toBeInstanceOf(Date);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(emu.requests[0].headers.authorization).toBe("Bearer tok-secret-1");
  });

  it("reports throttling as operational with the HTTP-date Retry-After", async () => {
    const at = new Date(Date.now() + 60_000).toUTCString();
    emu.handle((_req, res) => json(res, 429, {}, { "retry-after": at }));
    const result = await run(`${emu.origin}/x`);
    expect(result).toMatchObject({ status: "operational", reason: "throttled", throttled: true });
    expect(result.retryAfterMs).toBeGreaterThan(55_000);
    expect(result.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it("says reachable_no_auth for reachability-only systems", async () => {
    const result = await run(`${emu.origin}/x`, {}, fakeSystem({ reachabilityOnly: true }));
    expect(result).toMatchObject({ status: "operational", reason: "reachable_no_auth" });
  });

  it("classifies a refused connection", async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    expect(await run(`http://127.0.0.1:${port}/`)).toMatchObject({
      status: "unreachable",
      reason: "connection_refused",
    });
  });

  it("classifies a connection closed before any answer", async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    try {
      expect(await run(`http://127.0.0.1:${port}/`)).toMatchObject({
        status: "unreachable",
        reason: "connection_reset",
      });
    } finally {
      server.close();
    }
  });

  it("classifies a TLS handshake failure (https to a plain HTTP port)", async () => {
    const result = await run(emu.origin.replace("http:", "https:") + "/");
    expect(result).toMatchObject({ status: "unreachable", reason: "tls_error" });
  });

  it("classifies an unknown host name as a DNS error", async () => {
    const result = await run("http://no-such-shop.example.com/", {
      lookup: failingLookup("ENOTFOUND"),
      allowPrivateNetworks: false,
    });
    expect(result).toMatchObject({ status: "unreachable", reason: "dns_error" });
  });

  it("times out a server that never answers", async () => {
    emu.handle(() => undefined);
    const result = await run(`${emu.origin}/hang`, { timeoutMs: 300 });
    expect(result).toMatchObject({ status: "unreachable", reason: "timeout" });
    expect(result.latencyMs).toBeLessThan(1000);
  });

  it("applies the deadline to the whole check, token exchange included", async () => {
    emu.handle((_req, res) => void setTimeout(() => json(res, 200, { access_token: "x" }), 200));
    const twoSteps = fakeSystem({
      probe: async ({ http }) => {
        await http.request(`${emu.origin}/oauth/token`, { method: "POST", body: "grant_type=client_credentials" });
        await http.request(`${emu.origin}/api`);
        return { status: "operational", reason: "ok" };
      },
    });
    // Each request alone fits in 350 ms; both together do not.
    const result = await run(emu.origin, { timeoutMs: 350 }, twoSteps);
    expect(result.reason).toBe("timeout");
  });

  it("still ends at the deadline when a probe ignores the abort signal", async () => {
    const stuck = scripted(() => new Promise(() => undefined));
    const started = Date.now();
    expect(await run(emu.origin, { timeoutMs: 200 }, stuck)).toMatchObject({ reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("stops reading at the body cap", async () => {
    const big = Buffer.alloc(1024 * 1024, "a");
    emu.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(big);
    });
    let seen: { length: number; truncated: boolean } | undefined;
    const measuring = fakeSystem({
      probe: async ({ http }) => {
        const res = await http.request(`${emu.origin}/big`);
        seen = { length: res.body.length, truncated: res.truncated };
        return { status: "operational", reason: "ok" };
      },
    });
    await run(emu.origin, { maxBodyBytes: 1024 }, measuring);
    expect(seen).toEqual({ length: 1024, truncated: true });
  });

  it("classifies a body cut off before its announced length as a reset, not an answer", async () => {
    const server = net.createServer((socket) =>
      socket.once("data", () =>
        socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"ok":', () =>
          socket.destroy(),
        ),
      ),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const reading = fakeSystem({
      probe: async ({ http }) => {
        const res = await http.request(`http://127.0.0.1:${port}/`);
        return res.json() === undefined
          ? { status: "auth_failed", reason: "invalid_credentials" }
          : { status: "operational", reason: "ok" };
      },
    });
    try {
      expect(await run(`http://127.0.0.1:${port}/`, {}, reading)).toMatchObject({
        status: "unreachable",
        reason: "connection_reset",
      });
    } finally {
      server.close();
    }
  });

  it("cancels what a probe left listening on its signal when the check ends", async () => {
    let reason: unknown;
    const leaving = fakeSystem({
      probe: ({ signal }) => {
        signal.addEventListener(
          "abort",
          () => {
            reason = signal.reason as unknown;
          },
          { once: true },
        );
        return Promise.resolve({ status: "operational", reason: "ok" });
      },
    });
    expect(await run(emu.origin, {}, leaving)).toMatchObject({ reason: "ok" });
    expect(reason).toMatchObject({ name: "AbortError", message: "Health check ended" });
  });

  it("passes rotated credentials through", async () => {
    const rotating = scripted(() => ({
      status: "operational",
      reason: "ok",
      rotatedCredentials: { refreshToken: "new-one" },
    }));
    expect((await run(emu.origin, {}, rotating)).rotatedCredentials).toEqual({ refreshToken: "new-one" });
  });
});
