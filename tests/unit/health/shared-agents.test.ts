import http from "node:http";
import type { AddressInfo } from "node:net";
import { checkSystem } from "@/lib/checks/check-system";
import { createSharedAgents, type SharedAgents } from "@/lib/health/guarded-agent";
import { fakeSystem } from "../../helpers/fake-systems";

describe("connection pools shared by a sweep's checks", () => {
  let server: http.Server;
  let url: string;
  let connections = 0;
  let agents: SharedAgents;
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('{"ok":true}'));
    server.on("connection", () => connections++);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  beforeEach(() => {
    connections = 0;
    agents = createSharedAgents(2000);
  });
  afterEach(() => agents.close());
  afterAll(() => new Promise((r) => server.close(r)));

  const check = (allowPrivateNetworks: boolean) =>
    checkSystem(
      { system: fakeSystem(), authType: "token", credentials: { url, token: "tok_0123456789" } },
      { sharedAgents: agents, allowPrivateNetworks, timeoutMs: 2000 },
    );

  it("reuses connections for successive checks of the same origin", async () => {
    for (let i = 0; i < 10; i++) expect(await check(true)).toMatchObject({ status: "operational" });
    // undici may open a second connection while the first is still being handed back; never one per check.
    expect(connections).toBeLessThanOrEqual(2);
  });

  it("never lends a connection opened for a private-network connector to a guarded check", async () => {
    expect(await check(true)).toMatchObject({ status: "operational" });
    expect(await check(false)).toMatchObject({ status: "unreachable", reason: "blocked_address" });
    expect(connections).toBe(1);
  });
});
