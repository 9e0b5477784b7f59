/**
 * The probe contract: what a system declares (fields, auth types, probe) and what the health engine returns. Systems
 * import it; the engine receives a system through it and never looks one up.
 */
import type { Dispatcher } from "undici";
import type { Db, Tx } from "@/db";
import type { HttpClient } from "./http";
import type { TcpClient } from "./tcp";

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

/** One input in the credentials panel. Declared once: the zod schema, the form and the redaction all derive from it. */
export interface CredentialField {
  /** camelCase key, as listed in docs/systems.md: part of the public contract (URLs, import/export, API). */
  key: string;
  label: string;
  /** Where to find the value, in the vendor's own words. */
  help: string;
  /** Secret values are encrypted at rest, masked in the UI and redacted from every message. */
  secret: boolean;
  kind: "text" | "password" | "url" | "host" | "number" | "textarea" | "select";
  /** Defaults to true. Optional fields that are left blank arrive in the probe as "". */
  required?: boolean;
  /** Checked after trimming and `normalise`; `message` is shown as-is, so it must say what a valid value looks like. */
  pattern?: { regex: RegExp; message: string };
  /** Turns what users paste (a full URL, a trailing slash) into the canonical value. */
  normalise?: (value: string) => string;
  /** Defaults to true; set false for passwords where surrounding spaces could be meaningful. */
  trim?: boolean;
  options?: { value: string; label: string }[];
  /**
   * Every non-secret field is a destination field by default: changing it means every secret of the auth type must
   * be typed again, so a stored secret only goes where it was entered for. Set this (to the reason) only where it is
   * provable that the field cannot change where or how credentials are sent, e.g. a folder listed after logging in.
   */
  notADestination?: string;
  defaultValue?: string;
  placeholder?: string;
}

export interface AuthTypeDef {
  /** Contract id, e.g. "token", "legacy", "api-key". */
  id: string;
  label: string;
  fields: CredentialField[];
}

/** What a probe hands to the engine. The engine adds latency, checkedAt, default message/hint and redaction. */
export interface ProbeOutcome {
  status: CheckStatus;
  reason: ReasonCode;
  /** What happened; omit to use the reason's default. Never put a credential value here (it is redacted anyway). */
  message?: string;
  /** What to check; omit to use the system's hint for the reason, then the engine default. */
  hint?: string;
  httpStatus?: number;
  throttled?: boolean;
  retryAfterMs?: number;
  rotatedCredentials?: Record<string, string>;
}

export interface ProbeContext {
  authType: string;
  /** Validated and normalised by the field declarations; blank optional fields are "". */
  credentials: Readonly<Record<string, string>>;
  /** Guarded HTTP: SSRF checks, deadline, body cap and manual redirects. Network errors are thrown and classified by the engine. */
  http: HttpClient;
  /** Guarded raw TCP for non-HTTP protocols (SSH, FTP): same address guard and deadline as `http`. */
  tcp: TcpClient;
  /** Aborts at the whole-check deadline; pass it to anything slow that is not `http` (e.g. an SSH client). */
  signal: AbortSignal;
  /** The app's own origin, for the sandbox system only. */
  appOrigin?: string;
  /**
   * Report credentials the vendor just rotated (a refresh token that is now the only valid one). The engine adds
   * them to the result whatever happens next, so a later timeout or failure cannot lose them.
   */
  rotateCredentials?: (values: Record<string, string>) => void;
}

export type Probe = (ctx: ProbeContext) => Promise<ProbeOutcome>;

/** What the platform offers a system's connectors beyond checking them; read by pages and actions instead of ids. */
export interface SystemCapabilities {
  /** The connector has a pretend-vendor account whose behaviour an administrator switches (the sandbox). */
  sandboxModes?: boolean;
  /** Patchbay issues the connector's client ID and secret on its settings page (the Inbound API). */
  issuedClients?: boolean;
}

/** A connector being saved, as its system's hooks see it. */
export interface ConnectorSave {
  orgId: string;
  /** The connector's id: always set in `onSave`; in `beforeCheck` only when updating. */
  connectorId?: string;
  name: string;
  /** Validated and normalised. */
  credentials: Readonly<Record<string, string>>;
  /** The stored credentials when updating (same auth type or not); undefined when creating. */
  previous?: Readonly<Record<string, string>>;
}

/** Platform work a system needs when one of its connectors is created or its credentials change. */
export interface SystemHooks {
  /** Before the credentials are checked, outside the save's transaction (e.g. the sandbox issues the key it checks). */
  beforeCheck?: (db: Db, save: ConnectorSave) => Promise<void>;
  /** Inside the save's transaction, with the connector's row (e.g. the sandbox links its account to the connector). */
  onSave?: (tx: Tx, save: ConnectorSave & { connectorId: string }) => Promise<void>;
}

export interface SystemDef {
  /** kebab-case contract id, e.g. "shopify". */
  id: string;
  name: string;
  category:
    | "ecommerce"
    | "erp"
    | "marketplace"
    | "wms"
    | "pos"
    | "marketing"
    | "file-transfer"
    | "returns"
    | "pim"
    | "platform"
    | "other";
  authTypes: AuthTypeDef[];
  probe: Probe;
  /** The platform itself issues the credentials (Inbound API): saving never waits for a check, none can pass yet. */
  platformManaged?: boolean;
  /** True when the system has no authentication to check: "operational" then means reachable only. */
  reachabilityOnly?: boolean;
  /** Vendor-specific hints that replace the engine's default hint for a reason (e.g. where to regenerate a key). */
  hints?: Partial<Record<ReasonCode, string>>;
  capabilities?: SystemCapabilities;
  hooks?: SystemHooks;
}
