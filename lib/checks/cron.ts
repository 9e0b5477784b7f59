import { isDatabaseUnavailable } from "@/db/errors";
import { DATABASE_UNAVAILABLE_MESSAGE, unavailableResponse } from "@/lib/database-faults";
import { env } from "@/lib/env";
import { hasBearerSecret } from "@/lib/http/bearer";
import { logError, withRun } from "@/lib/log";
import { withRequestLog } from "@/lib/request-log";

/**
 * True only for `Authorization: Bearer <CRON_SECRET>`. Fails closed: with no secret configured nothing is
 * authorized, in every environment (a route left open "for development" is one deployment away from production).
 */
export function isAuthorizedCron(request: Request, secret: string | undefined = env.CRON_SECRET): boolean {
  return hasBearerSecret(request, secret);
}

/**
 * Runs `job` for an authorized cron request and answers its JSON; 401 otherwise; 503 with Retry-After when the
 * database cannot be reached (the scheduler retries), 500 (no details) for any other failure.
 */
export async function handleCron(request: Request, name: string, job: () => Promise<unknown>): Promise<Response> {
  return withRequestLog(request, `cron ${name}`, () => answerCron(request, name, job));
}

async function answerCron(request: Request, name: string, job: () => Promise<unknown>): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  if (!isAuthorizedCron(request))
    return Response.json(
      { error: "Unauthorized" },
      { status: 401, headers: { ...headers, "www-authenticate": "Bearer" } },
    );
  try {
    return Response.json(await withRun(name, {}, job), { headers });
  } catch (error) {
    logError(`cron ${name}`, error);
    if (isDatabaseUnavailable(error)) return unavailableResponse({ error: DATABASE_UNAVAILABLE_MESSAGE });
    return Response.json({ error: `The ${name} job failed; see the server log.` }, { status: 500, headers });
  }
}
