import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FtpSrv } from "ftp-srv";

/** A real FTP server (ftp-srv) on 127.0.0.1 for probe tests, with one account and passive mode on loopback. */
export interface FtpServerOptions {
  username: string;
  password: string;
  /** Offer explicit FTPS (AUTH TLS) with this key and certificate. */
  tls?: { key: string; cert: string };
  /** Files created in the account's home folder. */
  files?: string[];
}

export interface FtpServer {
  port: number;
  /** Every USER/PASS pair the server checked, passwords replaced by "ok"/"wrong". */
  logins: string[];
  /** Commands received, in order (PASS arguments are not recorded). */
  commands: string[];
  close(): Promise<void>;
}

// ftp-srv logs through bunyan; tests only need silence. child() is how it makes per-connection loggers.
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, child: () => quiet } as never;

export async function startFtpServer(opts: FtpServerOptions): Promise<FtpServer> {
  const root = mkdtempSync(join(tmpdir(), "ftp-probe-"));
  mkdirSync(join(root, "Load"));
  for (const file of opts.files ?? ["stock.csv"]) writeFileSync(join(root, file), "sku,qty\n");
  const signals = ["SIGTERM", "SIGINT", "SIGQUIT"] as const;
  const before = signals.map((s) => process.listeners(s));
  const pasvMin = 20000 + Math.floor(Math.random() * 30000);
  const server = new FtpSrv({
    url: "ftp://127.0.0.1:0",
    pasv_url: "127.0.0.1",
    pasv_min: pasvMin,
    pasv_max: pasvMin + 500,
    tls: opts.tls ?? false,
    log: quiet,
  });
  // ftp-srv adds process signal handlers per instance and never removes them: drop them with the server.
  const added = signals.map((s, i) => process.listeners(s).filter((l) => !before[i].includes(l)));
  const logins: string[] = [];
  const commands: string[] = [];
  server.on("login", ({ username, password }, resolve, reject) => {
    const ok = username === opts.username && password === opts.password;
    logins.push(`${username}:${ok ? "ok" : "wrong"}`);
    if (!ok) return reject(new Error("Login incorrect."));
    resolve({ root });
  });
  // "connect" is emitted by ftp-srv but missing from its typings.
  (server as unknown as NodeJS.EventEmitter).on(
    "connect",
    ({ connection }: { connection: { commandSocket: NodeJS.EventEmitter } }) => {
      connection.commandSocket.on("data", (chunk: Buffer) => {
        for (const line of chunk.toString("latin1").split("\r\n").filter(Boolean)) {
          // After AUTH TLS, ftp-srv re-emits the decrypted commands on the same socket.
          if (/^[A-Z]{3,4}( |$)/.test(line)) commands.push(line.startsWith("PASS") ? "PASS" : line);
        }
      });
    },
  );
  await server.listen();
  const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  return {
    port,
    logins,
    commands,
    close: async () => {
      signals.forEach((s, i) => added[i].forEach((l) => process.off(s, l)));
      await (server.close() as Promise<unknown>).catch(() => undefined); // ftp-srv types close() as any
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * A TCP server that sends `greeting` to every connection, then answers each command whose verb is a
 * key of `replies` with that line (e.g. "421 Too many connections", or a server refusing plain FTP).
 */
export async function startScriptedServer(
  greeting: string,
  replies: Record<string, string> = {},
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on("error", () => undefined);
    s.on("close", () => sockets.delete(s));
    s.write(greeting);
    s.on("data", (chunk) => {
      for (const line of chunk.toString("latin1").split("\r\n").filter(Boolean)) {
        const reply = replies[line.split(" ")[0].toUpperCase()];
        if (reply) s.write(`${reply}\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
