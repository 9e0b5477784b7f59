/** Public API of the health-check engine. Plain module: no database, no Next.js. */
export { checkConnection, InvalidCredentialsError, UnknownSystemError, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES } from "./check";
export type { CheckInput, EngineOptions } from "./check";
export { classifyError, classifyResponse, parseRetryAfter } from "./classify";
export { isBlockedAddress, assertUrlAllowed, BlockedAddressError } from "./address-guard";
export type { GuardPolicy } from "./address-guard";
export { createGuardedAgent, createGuardedLookup } from "./guarded-agent";
export { createHttpClient, readCapped } from "./http";
export type { HttpClient, HttpRequestInit, HttpResponse } from "./http";
export { REASONS } from "./reasons";
export { createTcpClient } from "./tcp";
export type { TcpClient } from "./tcp";
export { redact, secretVariants, REDACTED } from "./redact";
export type { CheckOptions, CheckResult, CheckStatus, ReasonCode } from "./contract";
