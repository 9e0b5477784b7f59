import { BlockList, isIP } from "node:net";
import { networkInterfaces } from "node:os";

/**
 * SSRF guard: addresses a health check must never reach unless the connector explicitly allows
 * private networks. Checks run on the resolved IP at connect time (see guarded-agent.ts), so a
 * public name that resolves to 10.0.0.5 (DNS rebinding) is caught as well as a literal IP.
 * The ranges are IANA's special-purpose registries' entries that are not globally reachable
 * (RFC 6890, RFC 5737, RFC 9637), plus this machine's own addresses, whatever they are.
 */
const blocked = new BlockList();
const v4: [string, number][] = [
  ["0.0.0.0", 8], // "this network", includes the unspecified address
  ["10.0.0.0", 8], // RFC 1918
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, includes cloud metadata 169.254.169.254
  ["172.16.0.0", 12], // RFC 1918
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation (TEST-NET-1)
  ["192.88.99.0", 24], // 6to4 relay anycast, deprecated
  ["192.168.0.0", 16], // RFC 1918
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation (TEST-NET-2)
  ["203.0.113.0", 24], // documentation (TEST-NET-3)
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, includes broadcast 255.255.255.255
];
const v6: [string, number][] = [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["64:ff9b:1::", 48], // local-use NAT64 (RFC 8215)
  ["100::", 64], // discard-only
  ["2001::", 23], // IETF protocol assignments, includes Teredo 2001::/32 and benchmarking 2001:2::/48
  ["2001:db8::", 32], // documentation
  ["3fff::", 20], // documentation (RFC 9637)
  ["5f00::", 16], // segment routing (SRv6) identifiers
  ["fc00::", 7], // unique local, includes AWS metadata fd00:ec2::254
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local, deprecated but still routed by some networks
  ["ff00::", 8], // multicast
];
for (const [net, prefix] of v4) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of v6) blocked.addSubnet(net, prefix, "ipv6");

/** The IPv4 address hidden inside an IPv6 one (mapped, compatible, NAT64, 6to4), so each form gets the IPv4 rules. */
function embeddedIPv4(ip: string): string | undefined {
  const words = expandIPv6(ip);
  if (!words) return undefined;
  const tail = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zero = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  if (zero(0, 5) && (words[5] === 0xffff || words[5] === 0)) return tail(words[6], words[7]); // ::ffff:a.b.c.d and ::a.b.c.d
  if (zero(0, 4) && words[4] === 0xffff && words[5] === 0) return tail(words[6], words[7]); // ::ffff:0:a.b.c.d
  if (words[0] === 0x64 && words[1] === 0xff9b && zero(2, 6)) return tail(words[6], words[7]); // 64:ff9b::/96
  if (words[0] === 0x2002) return tail(words[1], words[2]); // 6to4
  return undefined;
}

/** Eight 16-bit words, or undefined when `ip` is not IPv6. Handles "::" and a dotted IPv4 tail. */
function expandIPv6(ip: string): number[] | undefined {
  if (isIP(ip) !== 6) return undefined;
  let text = ip.split("%")[0].toLowerCase();
  const dotted = text.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves: (string | undefined)[] = text.split("::");
  const [head, rest] = halves;
  const part = (s: string | undefined) => (s ? s.split(":").map((w) => parseInt(w, 16)) : []);
  const left = part(head);
  const right = part(rest);
  const fill = rest === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...fill, ...right];
}

/**
 * The addresses of this machine's own interfaces, read again at most every 30 s (a lease may change them). A machine's
 * public address reaches every service it listens on with 0.0.0.0 as surely as 127.0.0.1 does, and it is in no range
 * above when the machine is on a public network.
 */
const OWN_TTL_MS = 30_000;
let own = { at: -Infinity, list: new BlockList() };
function ownAddresses(): BlockList {
  const now = performance.now();
  if (now - own.at < OWN_TTL_MS) return own.list;
  const list = new BlockList();
  for (const entries of Object.values(networkInterfaces()))
    for (const e of entries ?? []) list.addAddress(e.address.split("%")[0], e.family === "IPv6" ? "ipv6" : "ipv4");
  own = { at: now, list };
  return list;
}

/**
 * True for loopback, private, link-local/metadata, CGNAT, ULA, documentation, multicast, broadcast and unspecified
 * addresses and this machine's own, in any IPv6 wrapping. Not an IP at all: true (fail closed).
 */
export function isBlockedAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, "").split("%")[0];
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, "ipv4") || ownAddresses().check(bare, "ipv4");
  if (family !== 6) return true;
  const inner = embeddedIPv4(bare);
  if (inner && (blocked.check(inner, "ipv4") || ownAddresses().check(inner, "ipv4"))) return true;
  return blocked.check(bare, "ipv6") || ownAddresses().check(bare, "ipv6");
}

/** Thrown (at connect time or before a request) when the target is a blocked address; classified as `blocked_address`. */
export class BlockedAddressError extends Error {
  readonly code = "ERR_BLOCKED_ADDRESS";
  constructor(
    readonly host: string,
    readonly address?: string,
  ) {
    super(
      `Refused to connect to ${host}${address && address !== host ? ` (${address})` : ""}: private or reserved address`,
    );
    this.name = "BlockedAddressError";
  }
}

export interface GuardPolicy {
  allowPrivateNetworks?: boolean;
  /** Exact origins let through even when private (the app's own sandbox). */
  allowedOrigins?: string[];
}

export function isAllowedOrigin(url: URL, policy: GuardPolicy): boolean {
  return (policy.allowedOrigins ?? []).some((o) => {
    try {
      return new URL(o).origin === url.origin;
    } catch {
      return false;
    }
  });
}

/**
 * Checks made before any request, whatever the dispatcher: scheme, literal IPs (net.connect skips
 * `lookup` for them) and localhost names. Name resolution is checked later, at connect time.
 */
export function assertUrlAllowed(url: URL, policy: GuardPolicy): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new BlockedAddressError(`${url.protocol} URL`);
  if (policy.allowPrivateNetworks || isAllowedOrigin(url, policy)) return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && isBlockedAddress(host)) throw new BlockedAddressError(host);
  if (/(^|\.)localhost\.?$/i.test(host)) throw new BlockedAddressError(host);
}
