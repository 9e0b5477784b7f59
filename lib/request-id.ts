/**
 * One id per request, in `x-request-id`. An incoming id is kept only behind a trusted reverse proxy
 * (TRUSTED_PROXY_HOPS > 0, whose proxy sets or passes it on) and only when it is a safe token; otherwise a new one is made. Safe: letters,
 * digits and dashes, 8 to 64 of them, so a forged value can neither break a log line nor carry anything else.
 */
export const REQUEST_ID_HEADER = "x-request-id";
const SAFE_ID = /^[A-Za-z0-9-]{8,64}$/;

export function requestIdFor(headers: Headers, trustIncoming: boolean): string {
  const incoming = headers.get(REQUEST_ID_HEADER);
  return trustIncoming && incoming && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/** The request id a route handler or server action runs under: the one proxy.ts set, else a new one. */
export const trustIncomingRequestId = (trustedProxyHops: number) => trustedProxyHops > 0;
