import type { CheckResult, EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { failingLookup, fixedLookup } from "./fake-systems";
import { closedPort, startSftpServer, startSilentServer, type SftpServer, type SftpServerOptions } from "./sftp-server";

export const SFTP_USER = "patchworks";
export const SFTP_PASSWORD = "s3cret-Pa55word";

/** Starts a real local SSH/SFTP server per test; `server()` returns the running one. */
export function useSftpServer(extra: Partial<SftpServerOptions> = {}): () => SftpServer {
  let server: SftpServer;
  beforeEach(async () => {
    server = await startSftpServer({
      username: SFTP_USER,
      password: SFTP_PASSWORD,
      authorizedKeys: [],
      folders: ["/", "/outbound"],
      denied: ["/private"],
      ...extra,
    });
  });
  afterEach(() => server.close());
  return () => server;
}

/** Never in a result, in any field. */
export function expectNoSecrets(result: CheckResult, secrets: string[]): void {
  const text = JSON.stringify(result);
  for (const s of secrets) expect(text).not.toContain(s);
}

/**
 * The password-login cases every SFTP system must get right (sftp, bleckmann-sftp, the-edge).
 * Call inside a describe(); `server` comes from useSftpServer().
 */
export function itChecksSftpPasswordLogins(systemId: string, server: () => SftpServer): void {
  const creds = (over: Record<string, string> = {}) => ({
    host: "127.0.0.1",
    port: String(server().port),
    username: SFTP_USER,
    password: SFTP_PASSWORD,
    root: "/outbound",
    ...over,
  });
  const check = (over: Record<string, string> = {}, options: EngineOptions = {}) =>
    checkSystem(
      { system: systemId, authType: "password", credentials: creds(over) },
      { allowPrivateNetworks: true, timeoutMs: 3000, ...options },
    );

  it("is operational with the right password, listing the root folder once and closing it", async () => {
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "ok" });
    expect(result.message).toContain(`as ${SFTP_USER}`);
    expect(server().requests).toEqual(["OPENDIR /outbound", "READDIR", "CLOSE"]);
  });

  it("fails authentication with a wrong password, without echoing it", async () => {
    const result = await check({ password: "wrong-password-123" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials" });
    expect(result.hint).toContain("password");
    expectNoSecrets(result, ["wrong-password-123", SFTP_PASSWORD]);
    // One credential attempt per check: a wrong password must not count twice towards a lockout.
    expect(server().authAttempts).toEqual(["none", "password"]);
    expect(server().requests).toEqual([]);
  });

  it("reports a missing root folder as not found, after a good login", async () => {
    const result = await check({ root: "/nope/" });
    expect(result).toMatchObject({ status: "unreachable", reason: "not_found" });
    expect(result.message).toContain('"/nope" does not exist');
    expect(result.hint).toContain("Root folder");
  });

  it("reports a folder the account may not list as forbidden", async () => {
    expect(await check({ root: "/private" })).toMatchObject({ status: "auth_failed", reason: "forbidden" });
  });

  it("is unreachable when the port refuses connections", async () => {
    const result = await check({ port: String(await closedPort()) });
    expect(result).toMatchObject({ status: "unreachable", reason: "connection_refused" });
  });

  it("is unreachable when the host name does not resolve", async () => {
    const result = await check({ host: "sftp.nowhere.example" }, { lookup: failingLookup("ENOTFOUND") });
    expect(result).toMatchObject({ status: "unreachable", reason: "dns_error" });
  });

  it("times out on a server that accepts TCP but never speaks SSH", async () => {
    const silent = await startSilentServer();
    try {
      const result = await check({ port: String(silent.port) }, { timeoutMs: 400 });
      expect(result).toMatchObject({ status: "unreachable", reason: "timeout" });
      expect(result.latencyMs).toBeLessThan(1500);
    } finally {
      await silent.close();
    }
  });

  it("refuses private addresses unless the connector allows private networks", async () => {
    expect(await check({}, { allowPrivateNetworks: false })).toMatchObject({
      status: "unreachable",
      reason: "blocked_address",
    });
    // A public-looking name that resolves to loopback (DNS rebinding) is refused on the resolved address.
    const rebound = await check(
      { host: "sftp.example.com" },
      { allowPrivateNetworks: false, lookup: fixedLookup("127.0.0.1") },
    );
    expect(rebound).toMatchObject({ status: "unreachable", reason: "blocked_address" });
    expect(server().authAttempts).toEqual([]);
    // Allowed: the name is resolved once and the resolved IP is what gets connected to.
    expect(await check({ host: "sftp.example.com" }, { lookup: fixedLookup("127.0.0.1") })).toMatchObject({
      status: "operational",
    });
  });
}
