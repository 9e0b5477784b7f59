export const dynamic = "force-dynamic";

/** Liveness: the process answers. No database call, no session. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
