import { env } from "./env";
import { log, withLogContext } from "./log";
import { REQUEST_ID_HEADER, requestIdFor, trustIncomingRequestId } from "./request-id";

const trustIncoming = trustIncomingRequestId(env.TRUSTED_PROXY_HOPS);

/**
 * A route handler's request: its lines carry its request id (answered in `x-request-id`), and it ends with one line
 * naming the route, method, status and duration. Never the path's query, a header or the body.
 */
export async function withRequestLog(request: Request, route: string, handle: () => Promise<Response>) {
  const requestId = requestIdFor(request.headers, trustIncoming);
  const started = performance.now();
  return withLogContext({ requestId }, async () => {
    const response = await handle();
    const durationMs = Math.round(performance.now() - started);
    log.info({ route, method: request.method, status: response.status, durationMs }, "request");
    try {
      response.headers.set(REQUEST_ID_HEADER, requestId);
    } catch {
      // a response with immutable headers keeps them; the id is still in the log line
    }
    return response;
  });
}
