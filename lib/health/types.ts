import type { Dispatcher } from "undici";

/** What a check concludes. `throttled` is internal: reached but rate-limited (429), keeps the previous status. */
export type CheckStatus = "operational" | "unreachable" | "auth_failed";

/** Short machine codes; stable: stored in the database and shown in the UI. */
export type ReasonCode =
  | "ok"
  | "reachable_no_auth" // reachable; the system has no authentication to check (e.g. Prima)
  | "dns_error"
  | "connection_refused"
  | "connection_reset"
  | "timeout"
  | "tls_error"
  | "http_5xx"
  | "not_found" // wrong URL / store name (404)
  | "unexpected_response"
  | "blocked_address"
  | "cross_origin_redirect" // the server redirected a request carrying credentials to another origin: not followed
  | "invalid_credentials" // 401 or body-level rejection
  | "forbidden" // 403: reached, authenticated identity lacks access
  | "token_rejected" // token exchange refused
  | "header_stripped" // e.g. WooCommerce: Authorization never reached the app
  | "host_key_mismatch"
  | "account_inactive" // reached and recognised, but the vendor account is frozen, locked or suspended (e.g. Shopify 402/423)
  | "throttled"; // 429

export interface CheckResult {
  status: CheckStatus;
  /** true when the vendor answered 429: the sweep keeps the previous status and records this result. */
  throttled?: boolean;
  retryAfterMs?: number;
  reason: ReasonCode;
  message: string;
  hint: string;
  latencyMs: number;
  httpStatus?: number;
  checkedAt: Date;
  /** Rotated credentials (e.g. a refresh token that changed) the caller must store encrypted. Never logged. */
  rotatedCredentials?: Record<string, string>;
}

export interface CheckOptions {
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  allowPrivateNetworks?: boolean;
  /** Origins (e.g. "http://127.0.0.1:3000") the guard lets through even when private: the app's own sandbox. */
  allowedOrigins?: string[];
  /** Cap on response bytes read per request. */
  maxBodyBytes?: number;
  /** The app's own origin (APP_URL): the sandbox system calls it, and the guard lets exactly this origin through. */
  appOrigin?: string;
}
