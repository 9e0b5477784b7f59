import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db";
import { DATABASE_UNAVAILABLE_MESSAGE, withDatabaseFaults } from "@/lib/database-faults";
import { iterateSyncReport } from "@/db/queries/sync-report";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { reportCsvStream } from "@/lib/sync-reports/csv";
import { parseReportFilters } from "@/lib/sync-reports/filters";
import { appUrl } from "@/lib/web/app-url";

export const dynamic = "force-dynamic";

/**
 * The sync report as CSV: every row the page's filters match (all pages), parsed by the same function as the page.
 * The proxy only redirects visitors without a cookie; the session is checked here, like every page and action.
 */
export const GET = withDatabaseFaults(
  "sync report export",
  { unavailable: DATABASE_UNAVAILABLE_MESSAGE, internal: "The export failed. Please try again." },
  async (request: NextRequest) => {
    const user = await getCurrentUser();
    if (!user) {
      // APP_URL, not request.url: behind a reverse proxy request.url names the internal server.
      const login = appUrl("/login");
      login.searchParams.set("callbackUrl", `/sync-reports?${request.nextUrl.searchParams}`);
      return NextResponse.redirect(login);
    }
    if (!can(user, "reports.view")) return new NextResponse("Your role does not allow this.", { status: 403 });

    const filters = parseReportFilters(request.nextUrl.searchParams);
    const rows = iterateSyncReport(await getDb(), { orgId: user.orgId, filters });
    // The first page is read before answering: a database fault is then a 503, not a download that stops at once.
    const first = await rows.next();
    const all = async function* () {
      if (first.done) return;
      yield first.value;
      yield* rows;
    };
    return new NextResponse(reportCsvStream(all()), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="sync-report_${filters.from}_${filters.to}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
