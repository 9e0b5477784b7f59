import { NextResponse, type NextRequest } from "next/server";

/**
 * Only a convenience redirect for signed-out visitors; it is NOT the access check.
 * Every page, action and route calls requireUser() itself.
 */
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = new URL("/login", request.url);
  const path = request.nextUrl.pathname + request.nextUrl.search;
  if (path !== "/") url.searchParams.set("callbackUrl", path);
  return NextResponse.redirect(url);
}

export const config = {
  // Public: sign-in, sign-up, next-auth, cron and machine APIs (they check their own secrets), the sandbox vendor, static files.
  matcher: ["/((?!login|signup|api/|_next/|icon.svg|favicon.ico).*)"],
};
