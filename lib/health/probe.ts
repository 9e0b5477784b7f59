import type { AuthTypeDef, CheckOptions, CheckResult, ProbeOutcome, SystemDef } from "./contract";
import { CheckSignal } from "./check-signal";
import { classifyError } from "./classify";
import type { LookupFunction, SharedAgents } from "./guarded-agent";
import { CheckHttpClient } from "./http";
import { REASONS } from "./reasons";
import { createRedactor, REDACTED, type Redactor, secretValues } from "./redact";
import { CheckTcpClient } from "./tcp";
import { cleanText, cut, renderVendorText } from "./vendor-text";

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
/** Longest message or hint stored and shown; longer text is cut after redaction, never before. */
export const MAX_TEXT_LENGTH = 1000;

/** What the engine probes: a system, one of its auth types, and credentials already validated by its field rules. */
export interface ProbeInput {
  system: SystemDef;
  authType: AuthTypeDef;
  /** Validated and normalised with the auth type's field declarations (the caller parses them). */
  credentials: Readonly<Record<string, string>>;
}

export interface EngineOptions extends CheckOptions {
  /** Resolver override (tests, custom DNS); the address guard still applies to its answers. */
  lookup?: LookupFunction;
  /** Connection pools shared by the checks of one sweep (createSharedAgents); per-check agents otherwise. */
  sharedAgents?: SharedAgents;
}

/**
 * Runs one system's probe and turns its outcome into a CheckResult. The caller resolves the system and validates the
 * credentials; from here on everything resolves to a result: the engine never throws for a network problem and
 * never logs.
 */
export async function runProbe(input: ProbeInput, options: EngineOptions = {}): Promise<CheckResult> {
  const { system, authType, credentials } = input;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  const deadlineAt = Date.now() + timeoutMs;
  const cancel = new CheckSignal();
  // Rejects the probe's race at the deadline, so a probe or dispatcher that ignores the signal still cannot overrun
  // the whole-check budget; the signal aborts with the same reason.
  let deadlineHit: ((reason: Error) => void) | undefined;
  const timer = setTimeout(() => {
    const reason = Object.assign(new Error("Health check deadline reached"), { name: "TimeoutError" });
    cancel.abort(reason);
    deadlineHit?.(reason);
  }, timeoutMs);
  const http = new CheckHttpClient({
    signal: cancel,
    deadline: deadlineAt,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    dispatcher: options.dispatcher,
    allowPrivateNetworks: options.allowPrivateNetworks,
    allowedOrigins: options.appOrigin ? [...(options.allowedOrigins ?? []), options.appOrigin] : options.allowedOrigins,
    lookup: options.lookup,
    sharedAgents: options.sharedAgents,
    secrets: () => secretValues(authType, credentials).secrets,
  });
  const tcp = new CheckTcpClient({
    signal: () => cancel.signal,
    deadline: deadlineAt,
    allowPrivateNetworks: options.allowPrivateNetworks,
    lookup: options.lookup,
  });

  let outcome: ProbeOutcome;
  // Rotated as soon as the vendor issued them: kept even when the probe later throws or the deadline wins the race.
  let rotated: Record<string, string> | undefined;
  const rotateCredentials = (values: Record<string, string>) => void (rotated = { ...rotated, ...values });
  try {
    outcome = await new Promise<ProbeOutcome>((resolve, reject) => {
      deadlineHit = reject;
      // A probe may throw synchronously: inside then(), that is a rejection like any other. It may also settle after
      // the deadline won: the promise is settled by then and ignores it.
      Promise.resolve()
        .then(() =>
          system.probe({
            authType: authType.id,
            credentials,
            http,
            tcp,
            get signal() {
              return cancel.signal; // made only for a probe that reads it
            },
            appOrigin: options.appOrigin,
            rotateCredentials,
          }),
        )
        .then(resolve, reject);
    });
  } catch (err) {
    outcome = classifyError(err);
  } finally {
    clearTimeout(timer);
    deadlineHit = undefined;
    // Cancels whatever the probe left listening (a request, a socket, a client it handed the signal to). Nearly every
    // check leaves nothing, and is not aborted: an abort event dispatched to no one, thousands a second, is not free.
    if (cancel.listened) cancel.abort(CHECK_ENDED);
    tcp.close();
    const closing = http.close();
    if (closing) await closing;
  }
  if (rotated) outcome = { ...outcome, rotatedCredentials: { ...rotated, ...outcome.rotatedCredentials } };
  // Only text that came from the probe (a vendor's words, an error) can hold a secret; our own texts are constants.
  // Besides the stored secrets: tokens the vendor rotated and credentials the probe sent (an access token it obtained).
  const extraSecrets = () => [...Object.values(outcome.rotatedCredentials ?? {}), ...http.sentCredentials()];
  const redactor =
    outcome.message !== undefined || outcome.hint !== undefined
      ? createRedactor(secretValues(authType, credentials, extraSecrets()))
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
const CHECK_ENDED = Object.freeze(
  Object.assign(new Error("Health check ended"), { name: "AbortError", stack: undefined }),
);

function toResult(
  system: SystemDef,
  outcome: ProbeOutcome,
  latencyMs: number,
  redactor: Redactor | undefined,
): CheckResult {
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
