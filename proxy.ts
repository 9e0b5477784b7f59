import { NextResponse, type NextRequest } from "next/server";
import { databaseOutage, outagePage } from "@/lib/database-faults";
import { env } from "@/lib/env";
import { hasMalformedEncoding, refuseMalformedRequest } from "@/lib/http/request-guards";
import { appUrl } from "@/lib/web/app-url";
import { REQUEST_ID_HEADER, requestIdFor, trustIncomingRequestId } from "@/lib/request-id";
import { newNonce, PATH_HEADER, pageContentSecurityPolicy } from "@/lib/web/security-headers";

/**
 * Runs on every page (not on API routes or static files). It refuses requests no route can serve (a malformed path,
 * an oversize server action), sets the page's Content-Security-Policy with a fresh nonce, and sends signed-out
 * visitors of app pages to /login. That redirect is only a convenience, NOT the access check: every page, action and
 * route calls requireUser() itself.
 */
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
// Public pages: sign-in and sign-up. (API routes do not pass through here: next-auth, cron and machine APIs check their own secrets.)
const PUBLIC_PAGE = /^\/(login|signup|forgot-password|reset-password|invitation)(\/|$)/;
const trustIncoming = trustIncomingRequestId(env.TRUSTED_PROXY_HOPS);
const policy = { development: env.NODE_ENV === "development", https: new URL(env.APP_URL).protocol === "https:" };

export function proxy(request: NextRequest) {
  const refused = refuseMalformedRequest(request);
  if (refused) return refused;
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/")) return NextResponse.next(); // an API path holding a % that decodes: the route answers
  // One id for the request's log lines (pages and their server actions read it from the request headers), answered too.
  const requestId = requestIdFor(request.headers, trustIncoming);
  const nonce = newNonce();
  const csp = pageContentSecurityPolicy(nonce, policy);
  // Next.js reads the nonce from the request's policy and puts it on the scripts and styles it renders; a page that
  // adds its own <Script> reads it from x-nonce (headers().get("x-nonce")).
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", csp);
  forwarded.set(PATH_HEADER, pathname + request.nextUrl.search);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  let response: Response;
  if (databaseOutage() && !PUBLIC_PAGE.test(pathname)) {
    // The database is known to be away (a page found it so, and the probe has not reached it since): 503 at once.
    response = outagePage();
  } else if (hasMalformedEncoding(pathname)) {
    // Next itself would fail on it with a plain 500: the app's 404 page instead.
    response = NextResponse.rewrite(new URL("/not-found", request.url), {
      status: 404,
      request: { headers: forwarded },
    });
  } else if (!PUBLIC_PAGE.test(pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    // APP_URL, not request.url: behind a reverse proxy request.url names the internal server.
    const url = appUrl("/login");
    const path = pathname + request.nextUrl.search;
    if (path !== "/") url.searchParams.set("callbackUrl", path);
    response = NextResponse.redirect(url);
  } else {
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  matcher: [
    // Every page, the 404 included. Not API routes: Next.js would buffer each request body for the proxy (up to 10 MB,
    // silently cut beyond), and they get their headers from next.config.mjs. Not the build's static files.
    "/((?!api/|_next/|icon.svg|favicon.ico).*)",
    // API paths holding a %: a malformed one is a 404, not Next's 500 (see refuseMalformedRequest).
    "/api/:rest(.*%.*)",
  ],
};
