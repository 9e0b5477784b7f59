import http from "node:http";
import https from "node:https";

/**
 * Methods the Fetch standard forbids. Next.js turns every request into a `Request` before the proxy runs, undici
 * refuses to build one for these, and Next then answers 500 and logs the TypeError: on every path, for anyone. They
 * are answered here, before Next sees them. (Node's parser already refuses TRACK with a 400, and emits CONNECT as
 * 'connect', which closes the socket when nothing listens: both are here in case either changes.)
 */
const FORBIDDEN = new Set(["CONNECT", "TRACE", "TRACK"]);

type Hooked = { emit: (...args: unknown[]) => boolean; __patchbayMethodGuard?: true };

/** Idempotent; called once per server process, before the first request. */
export function installForbiddenMethodGuard(): void {
  if ((http.Server.prototype as unknown as Hooked).__patchbayMethodGuard) return;
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as unknown as Hooked;
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: unknown, ...args: unknown[]) {
      if (event === "request" && FORBIDDEN.has((args[0] as http.IncomingMessage).method ?? "")) {
        refuse(args[1] as http.ServerResponse);
        return true;
      }
      return emit.call(this, event, ...args);
    };
    Object.defineProperty(proto, "__patchbayMethodGuard", { value: true, enumerable: false });
  }
}

function refuse(res: http.ServerResponse): void {
  const body = "This method is not allowed.\n";
  res.writeHead(405, {
    allow: "GET, HEAD, POST",
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(body);
}
