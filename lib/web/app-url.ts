import { env } from "@/lib/env";

/**
 * An absolute address on the app's public origin, APP_URL. Every absolute URL the app hands out (redirect
 * `Location`, e-mail and webhook links, next-auth callbacks) is built from it, never from `request.url` or the Host
 * header: behind a reverse proxy those name the internal server (`http://localhost:3100`), and a client chooses Host.
 */
export function appUrl(pathAndQuery: string): URL {
  return new URL(pathAndQuery, env.APP_URL);
}
