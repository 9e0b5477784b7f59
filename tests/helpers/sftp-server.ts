import { createServer, type AddressInfo, type Server as NetServer } from "node:net";
import { Server, utils, type AuthContext, type Connection } from "ssh2";
import { sshFingerprint } from "@/lib/systems/kit/sftp-probe";

const { STATUS_CODE } = utils.sftp;

/**
 * An ed25519 key pair ssh2 can read back. ssh2 1.17's generateKeyPairSync now and then (about 1 in 400) writes an
 * OpenSSH private key that its own parseKey rejects as malformed; tests must not fail on that at random.
 */
export function sshKeyPair(options?: Parameters<typeof utils.generateKeyPairSync>[1]) {
  for (;;) {
    const pair = utils.generateKeyPairSync("ed25519", options as never);
    const passphrase = (options as { passphrase?: string } | undefined)?.passphrase;
    if (!(utils.parseKey(pair.private, passphrase) instanceof Error)) return pair;
  }
}

export interface SftpServerOptions {
  username: string;
  password: string;
  /** OpenSSH public keys ("ssh-ed25519 AAAA...") allowed to log in as `username`. */
  authorizedKeys: string[];
  /** Folders that exist and can be listed; `denied` exist but answer PERMISSION_DENIED. */
  folders: string[];
  denied?: string[];
  /** Methods offered after "none"; default password and publickey. */
  methods?: ("password" | "publickey" | "keyboard-interactive")[];
}

export interface SftpServer {
  port: number;
  /** The host key's "SHA256:..." fingerprint, as ssh-keygen -l prints it. */
  fingerprint: string;
  /** Every SFTP request seen, e.g. "OPENDIR /in", "READDIR", "CLOSE". */
  requests: string[];
  /** Authentication methods tried, e.g. "password", "publickey". */
  authAttempts: string[];
  close(): Promise<void>;
}

function keyAllowed(
  ctx: Extract<AuthContext, { method: "publickey" }>,
  authorized: ReturnType<typeof utils.parseKey>[],
): boolean {
  return authorized.some((key) => {
    if (key instanceof Error || ctx.key.algo !== key.type || !ctx.key.data.equals(key.getPublicSSH())) return false;
    // No signature: the client only asks whether this key would do. With one, it must verify.
    return !ctx.signature || (key.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) as boolean | Error) === true; // an Error for a bad signature
  });
}

function serveSftp(client: Connection, opts: SftpServerOptions, requests: string[]) {
  client.on("session", (accept) => {
    accept().on("sftp", (acceptSftp) => {
      const sftp = acceptSftp();
      const listed = new Set<string>();
      sftp.on("OPENDIR", (reqId, path) => {
        requests.push(`OPENDIR ${path}`);
        if (opts.denied?.includes(path)) return sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
        if (!opts.folders.includes(path)) return sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
        sftp.handle(reqId, Buffer.from(path));
      });
      sftp.on("READDIR", (reqId, handle) => {
        requests.push("READDIR");
        const key = handle.toString();
        if (listed.has(key)) return sftp.status(reqId, STATUS_CODE.EOF);
        listed.add(key);
        const attrs = { mode: 0o100644, uid: 0, gid: 0, size: 12, atime: 0, mtime: 0 };
        sftp.name(reqId, [{ filename: "orders.csv", longname: "-rw-r--r-- 1 0 0 12 Jan 1 00:00 orders.csv", attrs }]);
      });
      sftp.on("CLOSE", (reqId) => {
        requests.push("CLOSE");
        sftp.status(reqId, STATUS_CODE.OK);
      });
    });
  });
}

/** A real SSH server on 127.0.0.1 with password and publickey auth and a tiny SFTP subsystem. */
export async function startSftpServer(opts: SftpServerOptions): Promise<SftpServer> {
  const hostKey = sshKeyPair();
  const parsedHost = utils.parseKey(hostKey.public);
  if (parsedHost instanceof Error) throw parsedHost;
  const authorized = opts.authorizedKeys.map((k) => utils.parseKey(k));
  const requests: string[] = [];
  const authAttempts: string[] = [];
  const clients = new Set<Connection>();
  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    clients.add(client);
    (client as Connection & { setNoDelay(on: boolean): void }).setNoDelay(true); // exists at run time, missing from @types/ssh2
    client.on("close", () => clients.delete(client));
    client.on("error", () => undefined); // clients that hang up mid-handshake are part of the tests
    client.on("authentication", (ctx) => {
      authAttempts.push(ctx.method);
      const methods = opts.methods ?? ["password", "publickey"];
      const known = ctx.username === opts.username && (methods as string[]).includes(ctx.method);
      if (known && ctx.method === "password" && ctx.password === opts.password) return ctx.accept();
      if (known && ctx.method === "publickey" && keyAllowed(ctx, authorized)) return ctx.accept();
      if (known && ctx.method === "keyboard-interactive") {
        return ctx.prompt([{ prompt: "Password: ", echo: false }], (answers) =>
          answers[0] === opts.password ? ctx.accept() : ctx.reject(methods),
        );
      }
      ctx.reject(methods);
    });
    client.on("ready", () => serveSftp(client, opts, requests));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    fingerprint: sshFingerprint(parsedHost.getPublicSSH()),
    requests,
    authAttempts,
    close: () =>
      new Promise((resolve) => {
        clients.forEach((c) => c.end());
        server.close(() => resolve());
      }),
  };
}

/** Accepts TCP connections and never says a word: an SSH client waits for the banner until its deadline. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<import("node:net").Socket>();
  const server: NetServer = createServer((s) => {
    sockets.add(s);
    s.on("error", () => undefined);
    s.on("close", () => sockets.delete(s));
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

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
