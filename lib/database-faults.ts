import { isDatabaseUnavailable } from "@/db/errors";
import { DATABASE_UNAVAILABLE_MESSAGE } from "./database-unavailable";
import { logError } from "./log";
import { withRequestLog } from "./request-log";

export { DATABASE_UNAVAILABLE_DIGEST, DATABASE_UNAVAILABLE_MESSAGE } from "./database-unavailable";
/** Seconds a client should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 30;

/** 503 + Retry-After, never cached; `body` is in the endpoint's own error format (JSON object, or plain text). */
export function unavailableResponse(body: object | string): Response {
  const headers = { "cache-control": "no-store", "retry-after": String(RETRY_AFTER_SECONDS) };
  return typeof body === "string"
    ? new Response(body, { status: 503, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } })
    : Response.json(body, { status: 503, headers });
}

/**
 * For route handlers outside the API and cron wrappers: a database fault becomes the endpoint's 503, anything else is
 * logged without its payload and answered 500 without details. Neither answer carries driver or statement text.
 */
export function withDatabaseFaults<A extends unknown[]>(
  context: string,
  answers: { unavailable: object | string; internal: object | string },
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    const run = async () => {
      try {
        return await handler(...args);
      } catch (error) {
        logError(context, error);
        if (isDatabaseUnavailable(error)) return unavailableResponse(answers.unavailable);
        const headers = { "cache-control": "no-store" };
        return typeof answers.internal === "string"
          ? new Response(answers.internal, { status: 500, headers })
          : Response.json(answers.internal, { status: 500, headers });
      }
    };
    // Route handlers receive the request first.
    return args[0] instanceof Request ? withRequestLog(args[0], context, run) : run();
  };
}

const OUTAGE = Symbol.for("patchbay.databaseOutage");
type OutageHolder = { [OUTAGE]?: { since: number; timer?: NodeJS.Timeout } };
/** How often an ongoing outage is re-probed. */
export const OUTAGE_PROBE_MS = 2000;

/**
 * True while a page found the database unreachable and it has not answered since. The proxy then answers page
 * requests with 503 + Retry-After at once (a page that has started rendering can only answer 500): process-wide state,
 * on globalThis because the proxy and the pages are separate bundles of one server process.
 */
export function databaseOutage(): boolean {
  return Boolean((globalThis as OutageHolder)[OUTAGE]);
}

/** Records an outage and probes every OUTAGE_PROBE_MS until `probe` succeeds; then pages are served again. */
export function reportDatabaseOutage(probe: () => Promise<unknown>): void {
  const holder = globalThis as OutageHolder;
  if (holder[OUTAGE]) return;
  const outage: { since: number; timer?: NodeJS.Timeout } = { since: Date.now() };
  holder[OUTAGE] = outage;
  const again = () => {
    outage.timer = setTimeout(() => {
      probe().then(
        () => endDatabaseOutage(),
        () => holder[OUTAGE] === outage && again(),
      );
    }, OUTAGE_PROBE_MS).unref();
  };
  again();
}

/** Ends the outage and its probing (a probe reached the database; tests that closed their database). */
export function endDatabaseOutage(): void {
  const holder = globalThis as OutageHolder;
  clearTimeout(holder[OUTAGE]?.timer);
  Reflect.deleteProperty(holder, OUTAGE);
}

/** The page answer during an outage: our own sentence, no internals, no script or style. */
export function outagePage(): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Patchbay is unavailable</title></head><body><main><h1>Patchbay is unavailable</h1><p>${DATABASE_UNAVAILABLE_MESSAGE}</p><p><a href="">Try again</a></p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "retry-after": String(RETRY_AFTER_SECONDS),
    },
  });
}
