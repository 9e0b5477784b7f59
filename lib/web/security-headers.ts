import { randomBytes } from "node:crypto";

/**
 * The pages' Content-Security-Policy, new for every request: proxy.ts sets it on the answer and on the request, where
 * Next.js reads the nonce and puts it on its own scripts. The headers that never change (nosniff, frame and referrer
 * policies, Permissions-Policy, HSTS, and the API's policy) are in next.config.mjs, so they reach every answer,
 * static files and API routes included, without running the proxy there.
 */

/** 128 random bits, base64: a nonce must be unguessable and never reused. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Scripts: only those carrying the nonce, and what they load ('strict-dynamic'); never inline script without it.
 * Styles: Tailwind compiles to a stylesheet ('self') and Next.js puts the nonce on the `<style>` elements it writes.
 * No page renders a `style` attribute on the server (the latency chart's tooltip is positioned from the browser
 * through the CSSOM, which a policy does not restrict), so 'unsafe-inline' is not needed in production.
 * Development: React rebuilds server error stacks with eval, and the error overlay writes inline styles.
 */
export function pageContentSecurityPolicy(
  nonce: string,
  { development, https }: { development: boolean; https: boolean },
): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The page's path and query, as the proxy saw them, for a page that must ask for itself again. Set by the proxy only. */
export const PATH_HEADER = "x-patchbay-path";
