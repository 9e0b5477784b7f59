import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { connect, isIP, type LookupFunction, type Socket } from "node:net";
import { BlockedAddressError, isBlockedAddress } from "./address-guard";
import { createGuardedLookup } from "./guarded-agent";

/** Raw TCP for non-HTTP probes (SFTP, FTP...): the same address guard and deadline as `http`. */
export interface TcpClient {
  /**
   * Resolves `host` once, refuses a blocked address (unless private networks are allowed), then
   * connects to that resolved IP, so a second lookup cannot be rebound elsewhere. Rejects with the
   * same errors the engine classifies for HTTP (dns, refused, blocked, aborted at the deadline).
   */
  connect(host: string, port: number): Promise<Socket>;
  /** Milliseconds left before the whole-check deadline (at least 1): bound protocol timeouts with it. */
  remainingMs(): number;
}

export interface TcpClientOptions {
  /** The check's signal, asked for only when a connection is opened. */
  signal: () => AbortSignal;
  /** Epoch ms when the whole check must be over. */
  deadline: number;
  allowPrivateNetworks?: boolean;
  lookup?: LookupFunction;
}

function resolveOne(lookup: LookupFunction, host: string): Promise<LookupAddress> {
  return new Promise((resolve, reject) => {
    lookup(
      host,
      { all: true },
      (err: NodeJS.ErrnoException | null, found: LookupAddress[] | string, family?: number) => {
        if (err) {
          reject(err);
          return;
        }
        const first = Array.isArray(found) ? found.at(0) : { address: found, family: family ?? 4 };
        if (first) resolve(first);
        else reject(Object.assign(new Error(`No address for ${host}`), { code: "ENOTFOUND" }));
      },
    );
  });
}

/** A check's TCP client. A class rather than closures, and its state made on first use: most probes speak HTTP only. */
export class CheckTcpClient implements TcpClient {
  #sockets: Set<Socket> | undefined;
  #resolver: LookupFunction | undefined;

  constructor(private readonly opts: TcpClientOptions) {}

  async connect(host: string, port: number): Promise<Socket> {
    const opts = this.opts;
    const signal = opts.signal();
    signal.throwIfAborted();
    const bare = host.replace(/^\[|\]$/g, "");
    if (isIP(bare)) {
      if (!opts.allowPrivateNetworks && isBlockedAddress(bare)) throw new BlockedAddressError(bare);
    } else if (!opts.allowPrivateNetworks && /(^|\.)localhost\.?$/i.test(bare)) {
      throw new BlockedAddressError(bare);
    }
    this.#resolver ??= opts.allowPrivateNetworks ? (opts.lookup ?? dnsLookup) : createGuardedLookup(opts.lookup);
    const { address } = isIP(bare) ? { address: bare } : await resolveOne(this.#resolver, bare);
    const live = (this.#sockets ??= new Set());
    return new Promise((resolve, reject) => {
      // `signal` destroys the socket with an AbortError at the deadline (classified as a timeout).
      // noDelay: probes speak small request/response protocols, where Nagle adds a delayed-ACK wait per round trip.
      const socket = connect({ host: address, port, signal, noDelay: true });
      live.add(socket);
      socket.once("close", () => live.delete(socket));
      // A later error the probe does not listen for must not crash the process; the probe's own listeners still see it.
      socket.on("error", () => undefined);
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.off("error", reject);
        resolve(socket);
      });
    });
  }

  remainingMs(): number {
    return Math.max(1, this.opts.deadline - Date.now());
  }

  /** Whatever a probe forgot to end is torn down with the check. */
  close(): void {
    this.#sockets?.forEach((s) => s.destroy());
  }
}
