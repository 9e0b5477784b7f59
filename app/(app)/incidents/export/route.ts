import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db";
import { listIncidents } from "@/db/queries/incidents";
import { DATABASE_UNAVAILABLE_MESSAGE, withDatabaseFaults } from "@/lib/database-faults";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { incidentsCsv, MAX_EXPORT_ROWS } from "@/lib/incidents/csv";
import { incidentParams, parseIncidentFilters } from "@/lib/incidents/filters";
import { appUrl } from "@/lib/web/app-url";

export const dynamic = "force-dynamic";

/**
 * The Incidents page as CSV: every incident its filters match (all pages), parsed by the same function as the page.
 * The session and organisation are checked here, like every page and action.
 */
export const GET = withDatabaseFaults(
  "incidents export",
  { unavailable: DATABASE_UNAVAILABLE_MESSAGE, internal: "The export failed. Please try again." },
  async (request: NextRequest) => {
    const query = parseIncidentFilters(request.nextUrl.searchParams);
    const user = await getCurrentUser();
    if (!user) {
      // APP_URL, not request.url: behind a reverse proxy request.url names the internal server.
      const login = appUrl("/login");
      login.searchParams.set("callbackUrl", `/incidents?${incidentParams(query.form)}`);
      return NextResponse.redirect(login);
    }
    if (!can(user, "connectors.view")) return new NextResponse("Your role does not allow this.", { status: 403 });
    const now = new Date();
    const rows = await listIncidents(await getDb(), {
      orgId: user.orgId,
      filters: query.filters,
      limit: MAX_EXPORT_ROWS,
      now,
    });
    return new NextResponse(incidentsCsv(rows, now), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="incidents_${now.toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
