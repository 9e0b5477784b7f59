import tls from "node:tls";
import type { CheckResult, EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { failingLookup, fixedLookup } from "./fake-systems";
import { selfSignedCert } from "./self-signed-cert";
import { startFtpServer, type FtpServer } from "./ftp-server";
import { closedPort, startSilentServer } from "./sftp-server";
import { startScriptedServer } from "./ftp-server";

export const FTP_USER = "patchworks";
export const FTP_PASSWORD = "s3cret-Ftp-Pa55";

/** Never in a result, in any field. */
function expectNoSecrets(result: CheckResult, secrets: string[]): void {
  const text = JSON.stringify(result);
  for (const s of secrets) expect(text).not.toContain(s);
}

/**
 * The cases every FTP/FTPS system must get right (emarsys-ftp, seko-ftp), against a real FTP
 * server (ftp-srv) on 127.0.0.1. Call inside a describe().
 */
export function itChecksFtpLogins(systemId: string): void {
  const cert = selfSignedCert();
  let server: FtpServer;
  beforeEach(async () => {
    server = await startFtpServer({ username: FTP_USER, password: FTP_PASSWORD, tls: cert });
  });
  afterEach(() => server.close());
  const check = (over: Record<string, string> = {}, options: EngineOptions = {}) =>
    checkSystem(
      {
        system: systemId,
        authType: "password",
        credentials: {
          host: "127.0.0.1",
          port: String(server.port),
          username: FTP_USER,
          password: FTP_PASSWORD,
          secure: "ftp",
          ...over,
        },
      },
      { allowPrivateNetworks: true, timeoutMs: 3000, ...options },
    );

  it("is operational with the right password over plain FTP, listing the login folder", async () => {
    const result = await check();
    expect(result).toMatchObject({ status: "operational", reason: "ok" });
    expect(result.message).toContain(`as ${FTP_USER} over FTP`);
    expect(result.message).toContain("2 entries"); // Load/ and stock.csv
    expect(server.logins).toEqual([`${FTP_USER}:ok`]);
    // One login, one passive listing; nothing else (no TYPE, no FEAT: the check does not transfer files).
    expect(server.commands).toEqual(["USER patchworks", "PASS", "EPSV", "LIST -a"]);
  });

  it("fails authentication on 530 with a wrong password, trying it once and never echoing it", async () => {
    const result = await check({ password: "wrong-password-123" });
    expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials" });
    expect(result.message).toContain("530");
    expect(result.hint).toMatch(/password/i);
    expectNoSecrets(result, ["wrong-password-123", FTP_PASSWORD]);
    expect(server.logins).toEqual([`${FTP_USER}:wrong`]);
    expect(server.commands).not.toContain("LIST");
  });

  it("is unreachable when the port refuses connections", async () => {
    expect(await check({ port: String(await closedPort()) })).toMatchObject({
      status: "unreachable",
      reason: "connection_refused",
    });
  });

  it("is unreachable when the host name does not resolve", async () => {
    expect(await check({ host: "ftp.nowhere.example" }, { lookup: failingLookup("ENOTFOUND") })).toMatchObject({
      status: "unreachable",
      reason: "dns_error",
    });
  });

  it("times out on a server that accepts TCP but never sends its greeting, within the deadline", async () => {
    const silent = await startSilentServer();
    try {
      const result = await check({ port: String(silent.port) }, { timeoutMs: 400 });
      expect(result).toMatchObject({ status: "unreachable", reason: "timeout" });
      expect(result.latencyMs).toBeLessThan(1500);
    } finally {
      await silent.close();
    }
  });

  // FTP has no 429 to test: the nearest thing is 421 ("too many connections", "service not available"), below.
  it("reports a busy server that greets with 421 as unreachable, not as a login failure", async () => {
    const busy = await startScriptedServer("421 Too many connections from your IP address.\r\n");
    try {
      const result = await check({ port: String(busy.port) });
      expect(result).toMatchObject({ status: "unreachable", reason: "connection_reset" });
      expect(result.message).toContain("421 Too many connections");
    } finally {
      await busy.close();
    }
  });

  it("stops reading a huge listing early and still counts it as listed", async () => {
    const big = await startFtpServer({
      username: FTP_USER,
      password: FTP_PASSWORD,
      files: Array.from({ length: 1500 }, (_, i) => `order-2024${String(i).padStart(6, "0")}.txt`),
    });
    try {
      const result = await check({ port: String(big.port) });
      expect(result).toMatchObject({ status: "operational", reason: "ok" });
      expect(result.message).toContain("a large listing");
    } finally {
      await big.close();
    }
  });

  it("refuses private addresses unless the connector allows private networks, before any login", async () => {
    expect(await check({}, { allowPrivateNetworks: false })).toMatchObject({
      status: "unreachable",
      reason: "blocked_address",
    });
    // A public-looking name resolving to loopback (DNS rebinding) is refused on the resolved address.
    expect(
      await check({ host: "ftp.example.com" }, { allowPrivateNetworks: false, lookup: fixedLookup("127.0.0.1") }),
    ).toMatchObject({ reason: "blocked_address" });
    expect(server.logins).toEqual([]);
    // Allowed: the name is resolved once and the resolved IP is what gets connected to.
    expect(await check({ host: "ftp.example.com" }, { lookup: fixedLookup("127.0.0.1") })).toMatchObject({
      status: "operational",
    });
  });

  it("fails FTPS with a self-signed certificate as tls_error, before sending the password", async () => {
    const result = await check({ secure: "ftps" });
    expect(result).toMatchObject({ status: "unreachable", reason: "tls_error" });
    expect(result.hint).toContain("self-signed");
    expect(server.logins).toEqual([]);
  });

  it("logs in and lists over FTPS when the certificate is trusted", async () => {
    // Trust the test certificate the way a system CA store would, for basic-ftp's TLS connections only.
    const original = tls.connect;
    const spy = jest.spyOn(tls, "connect").mockImplementation((...args: Parameters<typeof tls.connect>) => {
      const options = typeof args[0] === "object" ? { ...(args[0] as tls.ConnectionOptions), ca: cert.cert } : args[0];
      return (original as (...a: unknown[]) => tls.TLSSocket)(options, ...args.slice(1));
    });
    try {
      const result = await check({ secure: "ftps", host: "localhost" }, { lookup: fixedLookup("127.0.0.1") });
      expect(result).toMatchObject({ status: "operational", reason: "ok" });
      expect(result.message).toContain("over FTPS");
      expect(server.commands).toEqual(["AUTH TLS", "USER patchworks", "PASS", "PBSZ 0", "PROT P", "EPSV", "LIST -a"]);
    } finally {
      spy.mockRestore();
    }
  });

  it("explains a server that does not offer FTPS", async () => {
    const plain = await startFtpServer({ username: FTP_USER, password: FTP_PASSWORD });
    try {
      const result = await check({ secure: "ftps", port: String(plain.port) });
      expect(result).toMatchObject({ status: "unreachable", reason: "tls_error" });
      expect(result.message).toContain("does not offer FTPS");
      expect(plain.logins).toEqual([]);
    } finally {
      await plain.close();
    }
  });
}
