import http from "node:http";
import https from "node:https";

/**
 * Runs before Next.js sees a request: at the HTTP server's "request" event, which route handlers and the proxy cannot
 * reach. A hook returns true when it has answered the request itself (Next then never sees it).
 */
export type RequestHook = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

const HOOKS = Symbol.for("patchbay.requestHooks");
type Hooked = { emit: (...args: unknown[]) => boolean; [HOOKS]?: Map<string, RequestHook> };

/**
 * Adds `hook` under `name` to every HTTP and HTTPS server of the process, the ones already listening included.
 * Idempotent by name. The hooks live on the server prototypes, so every bundle that loads this module shares them.
 */
export function addRequestHook(name: string, hook: RequestHook): void {
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as unknown as Hooked;
    let hooks = proto[HOOKS];
    if (!hooks) {
      const own = new Map<string, RequestHook>();
      const emit = proto.emit;
      proto.emit = function (this: unknown, event: unknown, ...args: unknown[]) {
        if (event === "request")
          for (const run of own.values())
            if (run(args[0] as http.IncomingMessage, args[1] as http.ServerResponse)) return true;
        return emit.call(this, event, ...args);
      };
      Object.defineProperty(proto, HOOKS, { value: own, enumerable: false });
      hooks = own;
    }
    hooks.set(name, hook);
  }
}
