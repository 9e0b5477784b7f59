import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, type Dispatcher } from "undici";
import { asyncListener } from "./async-listener";

/**
 * Vendor emulators for probe tests: a real HTTP server on 127.0.0.1 plus a dispatcher that sends
 * every request meant for the vendor's real host (https://name.myshopify.com...) to it. Probes
 * keep their production URLs; the emulator sees the intended origin in `req.vendorOrigin`.
 * Pass `{ dispatcher: emu.dispatcher }` as check options.
 */
export interface EmulatedRequest {
  method: string;
  /** Origin the probe meant to reach, e.g. "https://my-shop.myshopify.com". */
  vendorOrigin: string;
  /** Path and query string. */
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type EmulatorHandler = (req: EmulatedRequest, res: ServerResponse) => void | Promise<void>;

export interface Emulator {
  origin: string;
  dispatcher: Dispatcher;
  requests: EmulatedRequest[];
  /** Replace the behaviour between cases. */
  handle(handler: EmulatorHandler): void;
  close(): Promise<void>;
}

const ORIGIN_HEADER = "x-emulated-origin";

/** A dispatcher that rewrites the destination of every request to `target`, keeping the intended origin in a header. */
export function routeTo(target: string): Dispatcher {
  return new Agent().compose((dispatch) => (opts, handler) => {
    const extra = { [ORIGIN_HEADER]: String(opts.origin ?? "") };
    const headers = Array.isArray(opts.headers)
      ? [...opts.headers, ORIGIN_HEADER, extra[ORIGIN_HEADER]]
      : { ...(opts.headers as Record<string, string> | undefined), ...extra };
    return dispatch({ ...opts, origin: target, headers }, handler);
  });
}

export async function startEmulator(initial: EmulatorHandler = (_req, res) => json(res, 200, {})): Promise<Emulator> {
  let handler = initial;
  const requests: EmulatedRequest[] = [];
  const server = http.createServer(
    asyncListener(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const recorded: EmulatedRequest = {
        method: req.method ?? "GET",
        vendorOrigin: String(req.headers[ORIGIN_HEADER] ?? ""),
        path: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      try {
        await handler(recorded, res);
      } catch (err) {
        if (!res.headersSent) json(res, 599, { emulatorError: String(err) });
      }
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dispatcher = routeTo(origin);
  return {
    origin,
    dispatcher,
    requests,
    handle: (next) => {
      handler = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispatcher.destroy();
    },
  };
}

/** A dispatcher whose every connection is refused for real: it targets a port that was just released. */
export async function refusedDispatcher(): Promise<Dispatcher> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return routeTo(`http://127.0.0.1:${port}`);
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Answers after `ms` (long enough to overrun a short test timeout); the socket is freed by close(). */
export function slow(ms: number, then: EmulatorHandler): EmulatorHandler {
  return (req, res) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref()).then(() => then(req, res));
}
