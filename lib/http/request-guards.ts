import { NextResponse, type NextRequest } from "next/server";

/**
 * Server action bodies above this are refused. Next enforces the same limit (its default serverActions.bodySizeLimit)
 * only after reading, and answers it with a 500; checking the declared length first gives a clear 413 instead.
 */
export const MAX_ACTION_BODY_BYTES = 1024 * 1024;

/** True when a path segment is not valid percent-encoded UTF-8 (`/connectors/%ZZ`, `/a/%C0%AF`). */
export function hasMalformedEncoding(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

/**
 * Answers requests no route can serve before Next tries and fails with a 500: a malformed API path is "not found"
 * (JSON), an oversize server action a 413 that closes the connection (the unread body must not be taken for the next
 * request). Undefined for everything else; a malformed page path is rewritten to the 404 page by the proxy, which
 * gives it the page's security headers.
 */
export function refuseMalformedRequest(request: NextRequest): NextResponse | undefined {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/") && hasMalformedEncoding(pathname)) {
    return NextResponse.json(
      { error: { code: "not_found", message: "Nothing is at this address." } },
      { status: 404, headers: { "cache-control": "no-store" } },
    );
  }
  const declared = Number(request.headers.get("content-length"));
  if (
    request.method === "POST" &&
    request.headers.has("next-action") &&
    Number.isFinite(declared) &&
    declared > MAX_ACTION_BODY_BYTES
  ) {
    return new NextResponse(
      `The form is larger than ${MAX_ACTION_BODY_BYTES / 1024 / 1024} MB. Shorten the text or attach less and try again.`,
      {
        status: 413,
        headers: { "content-type": "text/plain; charset=utf-8", connection: "close", "cache-control": "no-store" },
      },
    );
  }
  return undefined;
}
