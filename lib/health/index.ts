/** Public API of the health-check engine. Plain module: no database, no registry of systems, no Next.js. */
export { runProbe, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES } from "./probe";
export type { EngineOptions, ProbeInput } from "./probe";
export { classifyError, classifyResponse, parseRetryAfter } from "./classify";
export { isBlockedAddress, assertUrlAllowed, BlockedAddressError } from "./address-guard";
export type { GuardPolicy } from "./address-guard";
export { createGuardedAgent, createGuardedLookup } from "./guarded-agent";
export { CheckHttpClient, readCapped } from "./http";
export type { HttpClient, HttpRequestInit, HttpResponse } from "./http";
export { REASONS } from "./reasons";
export { CheckTcpClient } from "./tcp";
export type { TcpClient } from "./tcp";
export { redact, secretVariants, REDACTED } from "./redact";
export type { CheckOptions, CheckResult, CheckStatus, ReasonCode } from "./contract";
