import type http from "node:http";
import { addRequestHook } from "./request-hooks";

/**
 * Methods the Fetch standard forbids. Next.js turns every request into a `Request` before the proxy runs, undici
 * refuses to build one for these, and Next then answers 500 and logs the TypeError: on every path, for anyone. They
 * are answered here, before Next sees them. (Node's parser already refuses TRACK with a 400, and emits CONNECT as
 * 'connect', which closes the socket when nothing listens: both are here in case either changes.)
 */
const FORBIDDEN = new Set(["CONNECT", "TRACE", "TRACK"]);

/** Idempotent; called once per server process, before the first request. */
export function installForbiddenMethodGuard(): void {
  addRequestHook("forbidden-methods", (req, res) => {
    if (!FORBIDDEN.has(req.method ?? "")) return false;
    refuse(res);
    return true;
  });
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
