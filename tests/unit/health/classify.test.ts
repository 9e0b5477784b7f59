import { classifyError, classifyResponse, parseRetryAfter } from "@/lib/health";
import { errors } from "undici";

const res = (status: number, headers: Record<string, string> = {}) => ({ status, header: (n: string) => headers[n] });
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe("classifyResponse", () => {
  it.each([
    [200, "operational", "ok"],
    [204, "operational", "ok"],
    [401, "auth_failed", "invalid_credentials"],
    [403, "auth_failed", "forbidden"],
    [404, "unreachable", "not_found"],
    [500, "unreachable", "http_5xx"],
    [503, "unreachable", "http_5xx"],
    [400, "unreachable", "unexpected_response"],
    [302, "unreachable", "unexpected_response"],
    [429, "operational", "throttled"],
  ])("HTTP %i -> %s / %s", (status, expected, reason) => {
    expect(classifyResponse(res(status))).toMatchObject({ status: expected, reason, httpStatus: status });
  });

  it("marks 429 as throttled with Retry-After", () => {
    expect(classifyResponse(res(429, { "retry-after": "30" }))).toMatchObject({
      throttled: true,
      retryAfterMs: 30_000,
    });
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("reads delta-seconds, HTTP-dates and rejects junk", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:45 GMT", now)).toBe(45_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe("classifyError", () => {
  it.each([
    [coded("ENOTFOUND"), "dns_error"],
    [coded("EAI_AGAIN"), "dns_error"],
    [coded("ECONNREFUSED"), "connection_refused"],
    [coded("EHOSTUNREACH"), "connection_refused"],
    [coded("ECONNRESET"), "connection_reset"],
    [new errors.SocketError("other side closed"), "connection_reset"],
    [new errors.ConnectTimeoutError(), "timeout"],
    [new errors.HeadersTimeoutError(), "timeout"],
    [new errors.BodyTimeoutError(), "timeout"],
    [new errors.RequestAbortedError(), "timeout"],
    [Object.assign(new Error("aborted"), { name: "AbortError" }), "timeout"],
    [coded("CERT_HAS_EXPIRED"), "tls_error"],
    [coded("DEPTH_ZERO_SELF_SIGNED_CERT"), "tls_error"],
    [coded("ERR_TLS_CERT_ALTNAME_INVALID"), "tls_error"],
    [coded("ERR_SSL_WRONG_VERSION_NUMBER"), "tls_error"],
    [coded("ERR_BLOCKED_ADDRESS"), "blocked_address"],
    [new TypeError("x is not a function"), "unexpected_response"],
  ])("%s -> %s", (err, reason) => expect(classifyError(err).reason).toBe(reason));

  it("looks through the cause chain undici wraps errors in", () => {
    const wrapped = new TypeError("fetch failed", { cause: coded("ENOTFOUND") });
    expect(classifyError(wrapped)).toMatchObject({ status: "unreachable", reason: "dns_error" });
  });
});
