import { getDb } from "@/db";
import { checkReadiness } from "@/lib/readiness/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 when the database answers within 2 s, migrations are current and the sweep is on time (or not
 * scheduled here); else 503 naming the failed check. No session; never any driver text.
 */
export async function GET() {
  const { ready, checks } = await checkReadiness(getDb);
  return Response.json(
    { status: ready ? "ok" : "unavailable", checks },
    { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
