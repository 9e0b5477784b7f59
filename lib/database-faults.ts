import { isDatabaseUnavailable } from "@/db/errors";
import { logError } from "./log";

/** What people are told, wherever they are, when the database cannot be reached (db/errors.ts decides). */
export const DATABASE_UNAVAILABLE_MESSAGE = "Patchbay cannot reach its database right now. Try again in a minute.";
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
    try {
      return await handler(...args);
    } catch (error) {
      logError(context, error);
      if (isDatabaseUnavailable(error)) return unavailableResponse(answers.unavailable);
      const headers = { "cache-control": "no-store" };
      return typeof answers.internal === "string" ? new Response(answers.internal, { status: 500, headers }) : Response.json(answers.internal, { status: 500, headers });
    }
  };
}
