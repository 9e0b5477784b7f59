import { NextResponse, type NextRequest } from "next/server";
import { refuseMalformedRequest } from "@/lib/http/request-guards";

/**
 * Only a convenience redirect for signed-out visitors; it is NOT the access check.
 * Every page, action and route calls requireUser() itself.
 */
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const refused = refuseMalformedRequest(request);
  if (refused) return refused;
  if (PUBLIC.test(request.nextUrl.pathname)) return NextResponse.next();
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = new URL("/login", request.url);
  const path = request.nextUrl.pathname + request.nextUrl.search;
  if (path !== "/") url.searchParams.set("callbackUrl", path);
  return NextResponse.redirect(url);
}

// Public: sign-in, sign-up, next-auth, cron and machine APIs (they check their own secrets), the sandbox vendor, static files.
const PUBLIC = /^\/(login|signup|api\/|_next\/|icon\.svg|favicon\.ico)/;

export const config = {
  matcher: [
    "/((?!login|signup|api/|_next/|icon.svg|favicon.ico).*)",
    // Also API paths holding a % (a malformed one is a 404, not Next's 500) and every server action post (its size):
    // see refuseMalformedRequest. Not every API call: Next reads the whole body of a request a proxy runs for.
    "/api/:rest(.*%.*)",
    { source: "/((?!api/|_next/).*)", has: [{ type: "header", key: "next-action" }] },
  ],
};
