import { getAuthType, getSystem } from "@/lib/systems";
import { parseCredentials, type FieldErrors } from "@/lib/systems/schema";
import type { ProbeOutcome, SystemDef } from "@/lib/health/contract";
import { classifyError } from "./classify";
import type { LookupFunction, SharedAgents } from "./guarded-agent";
import { createHttpClient } from "./http";
import { REASONS } from "./reasons";
import { createRedactor, REDACTED, type Redactor, secretValues } from "./redact";
import { createTcpClient } from "./tcp";
import { cleanText, cut, renderVendorText } from "./vendor-text";
import type { CheckOptions, CheckResult } from "./contract";

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
/** Longest message or hint stored and shown; longer text is cut after redaction, never before. */
export const MAX_TEXT_LENGTH = 1000;

export interface CheckInput {
  system: SystemDef | string;
  authType: string;
  /** As typed or as stored: validated and normalised here with the system's field declarations. */
  credentials: Readonly<Record<string, unknown>>;
}

export interface EngineOptions extends CheckOptions {
  /** Resolver override (tests, custom DNS); the address guard still applies to its answers. */
  lookup?: LookupFunction;
  /** Connection pools shared by the checks of one sweep (createSharedAgents); per-check agents otherwise. */
  sharedAgents?: SharedAgents;
}

/** The caller asked for a system or auth type that does not exist: a programming error, not a health state. */
export class UnknownSystemError extends Error {
  readonly code = "NOT_FOUND";
  constructor(what: string) {
    super(what);
    this.name = "UnknownSystemError";
  }
}

/** Credentials failed their field rules. Lists field keys and rule messages only, never a value. */
export class InvalidCredentialsError extends Error {
  readonly code = "INVALID";
  constructor(readonly systemId: string, readonly authTypeId: string, readonly fieldErrors: FieldErrors) {
    super(`Invalid credentials for ${systemId}/${authTypeId}: ${Object.keys(fieldErrors).join(", ")}`);
    this.name = "InvalidCredentialsError";
  }
}

/**
 * Runs one health check. Invalid input (unknown system or auth type, credentials breaking their
 * field rules) throws a typed error, because no request was made and there is no health to record;
 * the UI validates first with the same schema. Everything after validation resolves to a
 * CheckResult: the engine never throws for a network problem and never logs.
 */
export async function checkConnection(input: CheckInput, options: EngineOptions = {}): Promise<CheckResult> {
  const system = typeof input.system === "string" ? getSystem(input.system) : input.system;
  if (!system) throw new UnknownSystemError(`Unknown system "${String(input.system)}"`);
  const authType = getAuthType(system, input.authType);
  if (!authType) throw new UnknownSystemError(`Unknown auth type "${input.authType}" for system "${system.id}"`);
  const parsed = parseCredentials(authType, input.credentials);
  if (!parsed.ok) throw new InvalidCredentialsError(system.id, authType.id, parsed.fieldErrors);
  const secrets = { ...input.credentials, ...parsed.data };

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(Object.assign(new Error("Health check deadline reached"), { name: "TimeoutError" })), timeoutMs);
  // Rejects at the deadline, so a probe or dispatcher that ignores the signal still cannot overrun the whole-check budget.
  const deadlineHit = new Promise<never>((_, reject) => controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true }));
  deadlineHit.catch(() => undefined);
  const { http, close, sentCredentials } = createHttpClient({
    signal: controller.signal,
    deadline: Date.now() + timeoutMs,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    dispatcher: options.dispatcher,
    allowPrivateNetworks: options.allowPrivateNetworks,
    allowedOrigins: options.appOrigin ? [...(options.allowedOrigins ?? []), options.appOrigin] : options.allowedOrigins,
    lookup: options.lookup,
    sharedAgents: options.sharedAgents,
    secrets: secretValues(authType, secrets).secrets,
  });
  const tcpClient = createTcpClient({ signal: controller.signal, deadline: Date.now() + timeoutMs, allowPrivateNetworks: options.allowPrivateNetworks, lookup: options.lookup });

  let outcome: ProbeOutcome;
  // Rotated as soon as the vendor issued them: kept even when the probe later throws or the deadline wins the race.
  let rotated: Record<string, string> | undefined;
  const rotateCredentials = (values: Record<string, string>) => void (rotated = { ...rotated, ...values });
  try {
    const probing = Promise.resolve().then(() =>
      system.probe({ authType: authType.id, credentials: parsed.data, http, tcp: tcpClient.tcp, signal: controller.signal, appOrigin: options.appOrigin, rotateCredentials }),
    );
    probing.catch(() => undefined); // it may settle after the deadline won the race
    outcome = await Promise.race([probing, deadlineHit]);
  } catch (err) {
    outcome = classifyError(err);
  } finally {
    clearTimeout(timer);
    controller.abort(CHECK_ENDED); // cancels anything the probe left in flight
    tcpClient.close();
    await close();
  }
  if (rotated) outcome = { ...outcome, rotatedCredentials: { ...rotated, ...outcome.rotatedCredentials } };
  // Only text that came from the probe (a vendor's words, an error) can hold a secret; our own texts are constants.
  // Besides the stored secrets: tokens the vendor rotated and credentials the probe sent (an access token it obtained).
  const redactor =
    outcome.message !== undefined || outcome.hint !== undefined
      ? createRedactor(secretValues(authType, secrets, [...Object.values(outcome.rotatedCredentials ?? {}), ...sentCredentials()]))
      : undefined;
  return toResult(system, outcome, Math.round(performance.now() - started), redactor);
}

/**
 * Vendor text (marked by the probe) is redacted first and dropped whole when any piece of a secret survives; only
 * then cleaned and cut, since a secret cut in half or with its spaces collapsed would escape redaction. The whole
 * text then gets the check for our own wording (a safety net for vendor text a probe forgot to mark): if it fails,
 * the reason's default wording is used. Stored, shown, sent and logged only after this.
 */
function finish(text: string | undefined, redactor: Redactor | undefined): string | undefined {
  if (text === undefined || !redactor) return undefined;
  const own = redactor.own(renderVendorText(text, (raw) => redactor.apply(raw), REDACTED));
  return own === undefined ? undefined : cut(cleanText(own), MAX_TEXT_LENGTH) || undefined;
}

/** The abort reason once a check is over: one shared value, not an AbortError with a stack trace per check. */
const CHECK_ENDED = Object.freeze(Object.assign(new Error("Health check ended"), { name: "AbortError", stack: undefined }));

function toResult(system: SystemDef, outcome: ProbeOutcome, latencyMs: number, redactor: Redactor | undefined): CheckResult {
  const reason = outcome.reason === "ok" && system.reachabilityOnly ? "reachable_no_auth" : outcome.reason;
  const info = REASONS[reason];
  const result: CheckResult = {
    status: reason === "throttled" ? "operational" : outcome.status,
    reason,
    message: finish(outcome.message, redactor) ?? info.message,
    hint: finish(outcome.hint, redactor) ?? system.hints?.[reason] ?? info.hint,
    latencyMs,
    checkedAt: new Date(),
  };
  if (outcome.httpStatus !== undefined) result.httpStatus = outcome.httpStatus;
  if (reason === "throttled") result.throttled = true;
  if (outcome.retryAfterMs !== undefined) result.retryAfterMs = outcome.retryAfterMs;
  if (outcome.rotatedCredentials) result.rotatedCredentials = outcome.rotatedCredentials;
  return result;
}
