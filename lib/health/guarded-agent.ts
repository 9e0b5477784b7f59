import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { Agent } from "undici";
import { BlockedAddressError, isBlockedAddress } from "./address-guard";

export type { LookupFunction };

/**
 * A `lookup` for net/tls.connect that resolves the name and refuses blocked addresses. Deciding on
 * the address actually connected to (not a pre-flight resolution) is what defeats DNS rebinding.
 * A name with any blocked address is refused outright, so a mixed answer cannot slip one through.
 */
export function createGuardedLookup(resolve: LookupFunction = dnsLookup): LookupFunction {
  type Options = ({ all?: boolean } & Record<string, unknown>) | undefined;
  return ((hostname: string, options: Options, callback: (...args: unknown[]) => void) => {
    resolve(
      hostname,
      { ...options, all: true },
      (err: NodeJS.ErrnoException | null, found: LookupAddress[] | string) => {
        if (err) {
          callback(err);
          return;
        }
        const addresses = Array.isArray(found) ? found : [{ address: found, family: found.includes(":") ? 6 : 4 }];
        const bad = addresses.find((a) => isBlockedAddress(a.address));
        if (bad) callback(new BlockedAddressError(hostname, bad.address));
        else if (addresses.length === 0) {
          callback(Object.assign(new Error(`No address for ${hostname}`), { code: "ENOTFOUND" }));
        } else if (options?.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
    );
  }) as LookupFunction;
}

export interface GuardedAgentOptions {
  connectTimeoutMs: number;
  /** Skip the address check (the connector opted in to private networks, or the origin is allow-listed). */
  unguarded?: boolean;
  /** Resolver override (tests, custom DNS). The guard still applies to what it returns. */
  lookup?: LookupFunction;
  /** false skips certificate verification (a connector's explicit opt-out, e.g. a self-signed server). The address guard still applies. */
  rejectUnauthorized?: boolean;
}

/** One agent per check: no connection is shared between checks, and options follow the check. */
export function createGuardedAgent(opts: GuardedAgentOptions): Agent {
  const lookup = opts.unguarded ? opts.lookup : createGuardedLookup(opts.lookup);
  return new Agent({
    connect: {
      timeout: opts.connectTimeoutMs,
      ...(lookup ? { lookup } : {}),
      ...(opts.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
    },
    // A probe makes one or two requests: keeping sockets around only delays shutdown.
    keepAliveTimeout: 1000,
    pipelining: 0,
  });
}

/**
 * Agents shared by the checks of one sweep, so checks of many connectors on one vendor reuse connections instead of
 * opening one each. Guarded and unguarded traffic never share a pool: a connection opened for a connector that may
 * reach private addresses is never handed to one that may not. Every connection still passed the guard when opened.
 */
export interface SharedAgents {
  guarded: Agent;
  unguarded: Agent;
  close(): Promise<void>;
}

export function createSharedAgents(connectTimeoutMs: number): SharedAgents {
  const make = (unguarded: boolean) =>
    new Agent({
      connect: { timeout: connectTimeoutMs, ...(unguarded ? {} : { lookup: createGuardedLookup() }) },
      keepAliveTimeout: 4000,
      pipelining: 1,
    });
  const guarded = make(false);
  const unguarded = make(true);
  const close = async () => {
    await Promise.all([guarded.close(), unguarded.close()]);
  };
  return { guarded, unguarded, close };
}
