import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { DATABASE_UNAVAILABLE_MESSAGE, withDatabaseFaults } from "@/lib/database-faults";
import { AppError, HTTP_STATUS } from "@/lib/errors";
import { liveVersion } from "@/lib/live/version";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

/**
 * GET /api/live[?connector=<id>]: the version an open connector list (or one connector's summary) compares to know it
 * is stale, polled by components/live. The session is checked on every call (a signed-out or removed user gets 401);
 * never cached; 503 with Retry-After while the database cannot be reached.
 */
export const GET = withDatabaseFaults(
  "live version",
  { unavailable: { error: DATABASE_UNAVAILABLE_MESSAGE }, internal: { error: "Something went wrong on our side." } },
  async (request: Request) => {
    const user = await getCurrentUser();
    if (!user) return Response.json({ error: "Sign in again." }, { status: 401, headers: NO_STORE });
    const connectorId = new URL(request.url).searchParams.get("connector") ?? undefined;
    try {
      const version = await liveVersion(await getDb(), user, { connectorId });
      return Response.json({ version }, { headers: NO_STORE });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return Response.json({ error: error.message }, { status: HTTP_STATUS[error.code], headers: NO_STORE });
    }
  },
);
