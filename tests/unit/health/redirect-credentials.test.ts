import { checkSystem } from "@/lib/checks/check-system";
import type { HttpRequestInit } from "@/lib/health/http";
import { fakeSystem } from "@/tests/helpers/fake-systems";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const TOKEN = "tok-Secret-9f8e7d";

/** A probe that sends one request built from the credentials, then reads the answer's status. */
function probing(build: (c: Record<string, string>) => { url: string; init: HttpRequestInit }) {
  return fakeSystem({
    probe: async ({ credentials, http }) => {
      const { url, init } = build(credentials);
      const res = await http.request(url, init);
      return res.status === 200
        ? { status: "operational", reason: "ok", httpStatus: 200 }
        : { status: "unreachable", reason: "unexpected_response", httpStatus: res.status };
    },
  });
}

// Two local servers on different ports: two origins. The second one must never hear a request that carried credentials.
let first: Emulator;
let second: Emulator;
beforeEach(async () => {
  first = await startEmulator();
  second = await startEmulator((_req, res) => json(res, 200, {}));
});
afterEach(async () => {
  await first.close();
  await second.close();
});

const run = (system: ReturnType<typeof probing>) =>
  checkSystem(
    { system, authType: "token", credentials: { url: first.origin, token: TOKEN } },
    { timeoutMs: 2000, allowPrivateNetworks: true },
  );

describe("redirects to another origin", () => {
  const otherHost = () => new URL(second.origin).host;

  it.each([307, 308])("%i: a POST body (Odoo sends the password in it) is not sent again", async (status) => {
    first.handle((_req, res) => json(res, status, {}, { location: `${second.origin}/jsonrpc` }));
    const system = probing((c) => ({
      url: `${c.url}/jsonrpc`,
      init: {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ params: { password: c.token } }),
      },
    }));
    const result = await run(system);
    expect(result).toMatchObject({ status: "unreachable", reason: "cross_origin_redirect", httpStatus: status });
    expect(result.hint).toBe(
      `The server redirected to ${otherHost()}; Patchbay does not send credentials to another address. Update the URL if the system has moved.`,
    );
    expect(first.requests[0].body).toContain(TOKEN);
    expect(second.requests).toHaveLength(0);
  });

  it.each([
    [
      "Authorization header",
      (c: Record<string, string>) => ({ url: c.url, init: { headers: { authorization: `Bearer ${c.token}` } } }),
    ],
    [
      "custom key header",
      (c: Record<string, string>) => ({ url: c.url, init: { headers: { "X-Shopify-Access-Token": c.token } } }),
    ],
    ["cookie", (c: Record<string, string>) => ({ url: c.url, init: { headers: { cookie: `B1SESSION=${c.token}` } } })],
    [
      "key in the query",
      (c: Record<string, string>) => ({ url: `${c.url}/?api_key=${encodeURIComponent(c.token)}`, init: {} }),
    ],
    [
      "secret under an innocent query name",
      (c: Record<string, string>) => ({ url: `${c.url}/?u=me&p=${encodeURIComponent(c.token)}`, init: {} }),
    ],
  ])("301/302/303 of a request carrying credentials in a %s is not followed", async (_what, build) => {
    for (const status of [301, 302, 303]) {
      first.handle((req, res) => json(res, status, {}, { location: `${second.origin}${req.path}` }));
      const result = await run(probing(build));
      expect(result).toMatchObject({ reason: "cross_origin_redirect", httpStatus: status });
      expect(result.hint).toContain(otherHost());
    }
    expect(first.requests).toHaveLength(3);
    expect(second.requests).toHaveLength(0);
  });

  it("a redirect whose new address carries a secret is not followed either", async () => {
    first.handle((_req, res) =>
      json(res, 302, {}, { location: `${second.origin}/?next=${encodeURIComponent(TOKEN)}` }),
    );
    const result = await run(probing((c) => ({ url: c.url, init: {} })));
    expect(result.reason).toBe("cross_origin_redirect");
    expect(second.requests).toHaveLength(0);
  });

  it("same-origin redirects keep working, credentials and body included", async () => {
    first.handle((req, res) => (req.path === "/old" ? json(res, 307, {}, { location: "/new" }) : json(res, 200, {})));
    const system = probing((c) => ({
      url: `${c.url}/old`,
      init: { method: "POST", headers: { authorization: `Bearer ${c.token}` }, body: `{"password":"${c.token}"}` },
    }));
    expect(await run(system)).toMatchObject({ status: "operational", reason: "ok" });
    expect(first.requests.map((r) => [r.path, r.headers.authorization, r.body])).toEqual([
      ["/old", `Bearer ${TOKEN}`, `{"password":"${TOKEN}"}`],
      ["/new", `Bearer ${TOKEN}`, `{"password":"${TOKEN}"}`],
    ]);
  });

  it("a request without credentials still follows a redirect to another origin", async () => {
    first.handle((_req, res) => json(res, 302, {}, { location: `${second.origin}/public` }));
    expect((await run(probing((c) => ({ url: `${c.url}/wsdl`, init: {} })))).reason).toBe("ok");
    expect(second.requests.map((r) => r.path)).toEqual(["/public"]);
  });
});
