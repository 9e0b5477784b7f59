/** Where a user goes after signing in when no (acceptable) destination was asked for. */
export const DEFAULT_AFTER_SIGN_IN = "/connectors";

// In the path part: controls, unusual whitespace and backslashes. Browsers drop tabs and newlines and read "\" as "/",
// so "/\t/host" and "/\host" are "//host", another origin.
const UNSAFE = /[\p{Cc}\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/u;
const CONTROL = /[^\P{Cc}\u0080-\u009f]/u; // U+0000-U+001F and U+007F

function safeOnce(path: string, origin: string): boolean {
  const pathPart = path.split(/[?#]/)[0];
  if (!pathPart.startsWith("/") || pathPart.startsWith("//") || UNSAFE.test(pathPart)) return false;
  try {
    return new URL(path, origin).origin === origin;
  } catch {
    return false;
  }
}

/**
 * A redirect target from input (a `callbackUrl`), accepted only as a path on `origin` (the app's own, from APP_URL on
 * the server or the page's on the client); anything else gives DEFAULT_AFTER_SIGN_IN. The value is checked as given
 * and again after each round of percent-decoding, so "/%5Chost" or "/%09/host" are refused even if decoded later.
 * Same-origin absolute URLs are reduced to their path.
 */
export function safeCallbackPath(input: unknown, appOrigin: string): string {
  if (typeof input !== "string" || input.length === 0 || input.length > 2048 || CONTROL.test(input))
    return DEFAULT_AFTER_SIGN_IN;
  let origin: string;
  try {
    origin = new URL(appOrigin).origin;
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  let path = input;
  if (!input.startsWith("/")) {
    try {
      const url = new URL(input);
      if (url.origin !== origin) return DEFAULT_AFTER_SIGN_IN;
      path = url.pathname + url.search + url.hash;
    } catch {
      return DEFAULT_AFTER_SIGN_IN;
    }
  }
  let current = path;
  for (let round = 0; round < 4; round++) {
    if (!safeOnce(current, origin)) return DEFAULT_AFTER_SIGN_IN;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return DEFAULT_AFTER_SIGN_IN;
    }
    if (decoded === current) break;
    current = decoded;
    if (round === 3) return DEFAULT_AFTER_SIGN_IN; // still decoding after four rounds: not a path anyone typed
  }
  // Dot segments are resolved here ("/./..//host" becomes "//host"), so the result is checked once more.
  const url = new URL(path, origin);
  const result = url.pathname + url.search + url.hash;
  return safeOnce(result, origin) ? result : DEFAULT_AFTER_SIGN_IN;
}
