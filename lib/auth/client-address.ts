import { randomBytes } from "node:crypto";
import http from "node:http";
import { isIP } from "node:net";
import { addRequestHook } from "@/lib/http/request-hooks";

/**
 * Where a request came from, for the sign-in throttle. Next.js route handlers do not expose the socket, and Next.js
 * fills X-Forwarded-For from the socket only when the client did not send one, so the header alone proves nothing.
 * The server start installs a hook that stamps every incoming request with the socket's address, prefixed by a
 * per-process random tag: a client cannot forge it (any copy it sends is overwritten, and it cannot know the tag).
 */
const PEER_HEADER = "x-patchbay-peer";

type Headers = Record<string, unknown> | undefined;

// The tag lives on the (process-wide) server prototype: every bundle and module instance of this file sees the same one.
type Tagged = { __patchbayPeerTag?: string };
const tagged = () => http.Server.prototype as unknown as Tagged;

/** Idempotent; called once per server process, before the first request. */
export function installPeerAddressHook(): void {
  if (tagged().__patchbayPeerTag) return;
  const tag = randomBytes(16).toString("hex");
  addRequestHook("peer-address", (req) => {
    req.headers[PEER_HEADER] = `${tag} ${req.socket.remoteAddress ?? ""}`;
    return false;
  });
  Object.defineProperty(tagged(), "__patchbayPeerTag", { value: tag, enumerable: false });
}

const header = (headers: Headers, name: string) => {
  const v = headers?.[name];
  return typeof v === "string" ? v : Array.isArray(v) ? String(v[0] ?? "") : "";
};

/** The socket address stamped by the hook, or "" when the hook did not run (or the value was forged). */
function peerAddress(headers: Headers): string {
  const [t, address = ""] = header(headers, PEER_HEADER).split(" ");
  const tag = tagged().__patchbayPeerTag;
  return tag && t === tag ? address : "";
}

function normalise(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, "");
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a)?.[1];
  return isIP(v4 ?? a) ? (v4 ?? a).toLowerCase() : "";
}

/**
 * The client's address. On Vercel: the platform's own header (it overwrites whatever the client sent). Elsewhere,
 * with `trustedProxyHops` = 0: the socket's address, X-Forwarded-For ignored. With N: the Nth address from the right
 * of X-Forwarded-For (each trusted proxy appends the address it saw), falling back to the socket's address.
 */
export function clientAddress(
  headers: Headers,
  { trustedProxyHops, vercel }: { trustedProxyHops: number; vercel: boolean },
): string {
  if (vercel)
    return (
      normalise(header(headers, "x-vercel-forwarded-for").split(",")[0]) ||
      normalise(header(headers, "x-real-ip")) ||
      "unknown"
    );
  const peer = normalise(peerAddress(headers));
  if (trustedProxyHops === 0) return peer || "unknown";
  const chain = header(headers, "x-forwarded-for")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const fromRight = chain.length >= trustedProxyHops ? chain.at(-trustedProxyHops) : chain.at(0);
  return normalise(fromRight ?? "") || peer || "unknown";
}

/**
 * The unit the throttle counts: an IPv4 address, or the /64 network of an IPv6 address (one subscriber usually holds a
 * whole /64, so counting single IPv6 addresses would give an attacker billions of fresh ones).
 */
export function throttleAddress(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail = ""] = address.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t] : h;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
