import type { EventEmitter } from "node:events";
import { request, type Agent, type Dispatcher } from "undici";
import { assertUrlAllowed, isAllowedOrigin, type GuardPolicy } from "./address-guard";
import { createGuardedAgent, type LookupFunction, type SharedAgents } from "./guarded-agent";

export interface HttpRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Lower the per-check byte cap for this request (it can never raise it). */
  maxBytes?: number;
  /**
   * Skip TLS certificate verification for this request: only where a connector explicitly opted out (e.g. SAP
   * Business One's self-signed default). Such requests get an agent of their own, never the pooled verified ones,
   * keep the address guard, and a redirect to another origin is verified again.
   */
  insecureTls?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Final URL, after any redirects followed. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** First value of a header, lower-cased name. */
  header(name: string): string | undefined;
  body: Buffer;
  /** The server sent more than the cap; the rest was never read. */
  truncated: boolean;
  text(): string;
  /**
   * Parsed JSON, or undefined when the body is not (complete) JSON. T is the shape a probe expects to read, declared
   * with optional (and mostly `unknown`) members, since a vendor may answer anything: probes check each value before use.
   */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a declared reading shape, see above
  json<T = unknown>(): T | undefined;
}

export interface HttpClient {
  request(url: string | URL, init?: HttpRequestInit): Promise<HttpResponse>;
}

export interface HttpClientOptions extends GuardPolicy {
  /** Aborts the check's requests (an AbortSignal, or an EventEmitter that emits "abort" as undici accepts). */
  signal: AbortSignal | EventEmitter;
  /** Epoch ms when the whole check must be over. */
  deadline: number;
  maxBodyBytes: number;
  /** Caller-supplied dispatcher (MockAgent in tests): only the pre-request URL checks apply, not the connect-time guard. */
  dispatcher?: Dispatcher;
  lookup?: LookupFunction;
  /** A sweep's shared agents (keep-alive across checks); ignored when a `lookup` override is given. */
  sharedAgents?: SharedAgents;
  /**
   * The check's secret values: a request whose URL or headers hold one never follows a redirect to another origin.
   * Asked for only when a redirect to another origin comes (most checks never see one).
   */
  secrets?: () => readonly string[];
}

/**
 * Thrown instead of following a redirect to another origin when the request carries credentials (a body that
 * would be sent again, an Authorization, cookie or key header, a key in the query). Classified `cross_origin_redirect`.
 */
export class CrossOriginRedirectError extends Error {
  readonly code = "ERR_CROSS_ORIGIN_REDIRECT";
  constructor(
    readonly host: string,
    readonly httpStatus: number,
  ) {
    super(`Not following a redirect (HTTP ${httpStatus}) to ${host}: the request carries credentials`);
    this.name = "CrossOriginRedirectError";
  }
}

const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Only these survive a cross-origin redirect: anything else may carry a credential (X-Shopify-Access-Token, x-api-key...).
const SAFE_HEADERS = new Set(["accept", "user-agent", "content-type"]);
const USER_AGENT = "Patchbay-HealthCheck/1.0 (+connector health check)";
// Header and query parameter names that carry credentials (x-api-key, X-Shopify-Access-Token, api_key, sig...).
const CREDENTIAL_NAME = /auth|token|key|secret|pass|pwd|session|cookie|sig|cred|ticket|hash/i;

/**
 * The credential values a request carries: Authorization tokens (a Basic pair's password), cookie values, key headers,
 * key query parameters and userinfo. The engine redacts them from messages too, so a token a probe obtained (an
 * OAuth access token) is protected like a stored secret.
 */
export function requestCredentials(url: URL, headers: Readonly<Record<string, string>>): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (key === "authorization" || key === "proxy-authorization") {
      const m = /^(\S+)\s+(\S+)$/.exec(value.trim());
      // A bare key is a secret; a multi-part scheme (OAuth 1, Digest) is names and one-off signatures over stored secrets.
      if (!m) {
        if (!/\s/.test(value.trim())) found.push(value);
      } else if (m[1].toLowerCase() === "basic") {
        // The user name is not a secret (messages name it); the password is.
        const pair = Buffer.from(m[2], "base64").toString("utf8");
        found.push(pair.slice(pair.indexOf(":") + 1));
      } else found.push(m[2]);
    } else if (key === "cookie") {
      for (const part of value.split(";")) found.push(part.slice(part.indexOf("=") + 1).trim());
    } else if (CREDENTIAL_NAME.test(key)) found.push(value);
  }
  for (const [name, value] of url.searchParams) if (CREDENTIAL_NAME.test(name)) found.push(value);
  if (url.password) found.push(decodeURIComponent(url.password));
  return found.filter((v) => v.length >= 3);
}

/** True when the request's headers or URL carry a credential, by name or because they hold one of the check's secrets. */
function carriesCredentials(url: URL, headers: Readonly<Record<string, string>>, secrets: readonly string[]): boolean {
  if (
    Object.keys(headers).some(
      (k) => k === "authorization" || k === "proxy-authorization" || k === "cookie" || CREDENTIAL_NAME.test(k),
    )
  )
    return true;
  if ([...url.searchParams.keys()].some((k) => CREDENTIAL_NAME.test(k)) || url.username || url.password) return true;
  let query = url.search;
  try {
    query = decodeURIComponent(query.replace(/\+/g, " ")) + query;
  } catch {
    // a malformed escape: the raw query is still searched
  }
  const values = Object.values(headers);
  return secrets.some((s) => query.includes(s) || values.some((v) => v.includes(s)));
}

/** Stops a body we will not read. undici reports the abort as an "error" event, which would otherwise go unhandled. */
function discard(body: { on(event: "error", fn: () => void): unknown; destroy(): void }) {
  body.on("error", () => undefined);
  body.destroy();
}

type BodyStream = Parameters<typeof discard>[0] & {
  on(event: "data", fn: (chunk: Buffer) => void): unknown;
  once(event: "end" | "close", fn: () => void): unknown;
  once(event: "error", fn: (err: Error) => void): unknown;
  off(event: string, fn: (...args: never[]) => void): unknown;
};

/**
 * Reads at most `max` bytes, then stops reading and closes the stream. Listeners, not an async iterator: one promise
 * per response instead of one per chunk (the sweep reads thousands of responses a second).
 */
export function readCapped(body: BodyStream, max: number): Promise<{ body: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      body.off("data", onData);
      body.off("end", onEnd);
      body.off("error", onError);
      body.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      if (size + chunk.length <= max) {
        chunks.push(chunk);
        size += chunk.length;
        return;
      }
      chunks.push(chunk.subarray(0, max - size));
      stop();
      discard(body); // the rest is never downloaded
      resolve({ body: Buffer.concat(chunks), truncated: true });
    };
    const onEnd = () => {
      stop();
      resolve({ body: Buffer.concat(chunks), truncated: false });
    };
    const onError = (err: Error) => {
      stop();
      reject(err);
    };
    // Closed without an end or an error (destroyed underneath): what a stream iterator reports, a premature close.
    const onClose = () => onError(Object.assign(new Error("Premature close"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
    body.on("data", onData);
    body.once("end", onEnd);
    body.once("error", onError);
    body.once("close", onClose);
  });
}

/**
 * A check's HTTP client: what the probe calls (`request`), plus what the engine asks at the end of the check. A class
 * rather than closures: a sweep makes thousands of these a second.
 */
export class CheckHttpClient implements HttpClient {
  #agents: Map<string, Agent> | undefined;
  /** What each request sent: its credential values are extracted only when asked (a message to redact). */
  readonly #requests: { url: URL; headers: Record<string, string> }[] = [];
  #secrets: readonly string[] | undefined;

  constructor(private readonly opts: HttpClientOptions) {}

  request(url: string | URL, init: HttpRequestInit = {}): Promise<HttpResponse> {
    return this.#send(new URL(url), init, 0);
  }

  /** The credential values the requests carried (an access token the probe obtained, say), for redaction. */
  sentCredentials(): string[] {
    return [...new Set(this.#requests.flatMap((r) => requestCredentials(r.url, r.headers)))];
  }

  /** Destroys the agents this check opened for itself; undefined when it opened none (the sweep's shared pools). */
  close(): Promise<void> | undefined {
    if (!this.#agents) return undefined;
    const open = [...this.#agents.values()];
    this.#agents = undefined;
    return Promise.all(open.map((a) => a.destroy().catch(() => undefined))).then(() => undefined);
  }

  #secretList(): readonly string[] {
    return (this.#secrets ??= (this.opts.secrets?.() ?? []).filter((s) => s.length >= 3));
  }

  #pick(url: URL, insecure: boolean): Dispatcher {
    const opts = this.opts;
    if (opts.dispatcher) return opts.dispatcher;
    const unguarded = Boolean(opts.allowPrivateNetworks) || isAllowedOrigin(url, opts);
    if (opts.sharedAgents && !opts.lookup && !insecure)
      return unguarded ? opts.sharedAgents.unguarded : opts.sharedAgents.guarded;
    const key = `${unguarded}:${insecure}`;
    this.#agents ??= new Map();
    let agent = this.#agents.get(key);
    if (!agent) {
      const connectTimeoutMs = Math.max(1, opts.deadline - Date.now());
      agent = createGuardedAgent({
        connectTimeoutMs,
        unguarded,
        lookup: opts.lookup,
        ...(insecure ? { rejectUnauthorized: false } : {}),
      });
      this.#agents.set(key, agent);
    }
    return agent;
  }

  async #send(url: URL, init: HttpRequestInit, hops: number): Promise<HttpResponse> {
    const opts = this.opts;
    assertUrlAllowed(url, opts);
    const remaining = Math.max(1, opts.deadline - Date.now());
    const headers = withUserAgent(init.headers);
    this.#requests.push({ url, headers });
    const res = await request(url, {
      method: init.method ?? "GET",
      headers,
      body: init.body,
      dispatcher: this.#pick(url, init.insecureTls === true),
      signal: opts.signal,
      headersTimeout: remaining,
      bodyTimeout: remaining,
    });
    const location = res.headers.location;
    if (REDIRECTS.has(res.statusCode) && typeof location === "string" && hops < MAX_REDIRECTS) {
      discard(res.body);
      const next = new URL(location, url);
      const sameOrigin = next.origin === url.origin;
      const toGet =
        res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && init.method === "POST");
      // Credentials go only where they were entered for: another origin gets neither the body again nor a request
      // that needed credentials (its answer would be about someone else anyway).
      const resendsBody = !toGet && init.body !== undefined && init.body !== "";
      if (
        !sameOrigin &&
        (resendsBody ||
          carriesCredentials(url, headers, this.#secretList()) ||
          carriesCredentials(next, {}, this.#secretList()))
      ) {
        throw new CrossOriginRedirectError(next.host, res.statusCode);
      }
      const nextHeaders = Object.fromEntries(
        Object.entries(headers).filter(([k]) => sameOrigin || SAFE_HEADERS.has(k)),
      );
      const verifyAgain = sameOrigin ? {} : { insecureTls: false };
      return this.#send(
        next,
        { ...init, headers: nextHeaders, ...verifyAgain, ...(toGet ? { method: "GET", body: undefined } : {}) },
        hops + 1,
      );
    }
    const cap = Math.min(init.maxBytes ?? opts.maxBodyBytes, opts.maxBodyBytes);
    // A declared length within the cap is read whole by undici, which never reads past it (more bytes than declared
    // fail the response); no length, or a longer one, is read up to the cap.
    const declared = res.headers["content-length"];
    if (typeof declared === "string" && /^\d{1,9}$/.test(declared) && Number(declared) <= cap) {
      const body = Buffer.from(await res.body.arrayBuffer());
      return new CappedResponse(url, res.statusCode, res.headers, body, false);
    }
    const read = await readCapped(res.body as never, cap);
    return new CappedResponse(url, res.statusCode, res.headers, read.body, read.truncated);
  }
}

/** The request's headers, names lower-cased, with our User-Agent unless the probe set its own. */
function withUserAgent(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = { "user-agent": USER_AGENT };
  if (h) for (const k in h) out[k.toLowerCase()] = h[k];
  return out;
}

/** A response read up to the cap. Methods on the prototype: one object per response, not five closures. */
class CappedResponse implements HttpResponse {
  readonly url: string;
  constructor(
    url: URL,
    readonly status: number,
    readonly headers: HttpResponse["headers"],
    readonly body: Buffer,
    readonly truncated: boolean,
  ) {
    this.url = url.toString();
  }

  header(name: string): string | undefined {
    const v = this.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  }

  text(): string {
    return this.body.toString("utf8");
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- HttpResponse.json's reading shape
  json<T>(): T | undefined {
    if (this.truncated) return undefined;
    try {
      return JSON.parse(this.body.toString("utf8")) as T;
    } catch {
      return undefined;
    }
  }
}
