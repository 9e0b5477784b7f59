import type { CheckResult, SystemDef } from "@/lib/health/contract";
import { type EngineOptions, runProbe } from "@/lib/health/probe";
import { countCheck } from "@/lib/metrics/record";
import { getAuthType, getSystem } from "@/lib/systems";
import { type FieldErrors, parseCredentials } from "@/lib/systems/schema";

export interface CheckSystemInput {
  /** A system declaration, or the id of one in the catalogue. */
  system: SystemDef | string;
  authType: string;
  /** As typed or as stored: validated and normalised here with the system's field declarations. */
  credentials: Readonly<Record<string, unknown>>;
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
  constructor(
    readonly systemId: string,
    readonly authTypeId: string,
    readonly fieldErrors: FieldErrors,
  ) {
    super(`Invalid credentials for ${systemId}/${authTypeId}: ${Object.keys(fieldErrors).join(", ")}`);
    this.name = "InvalidCredentialsError";
  }
}

/**
 * Checks a system with credentials, no database involved (the command line, tests, and every connector check through
 * checkConnector). Invalid input (unknown system or auth type, credentials breaking their field rules) rejects with a
 * typed error, because no request was made and there is no health to record; the UI validates first with the same
 * schema. Everything after validation resolves to a CheckResult (the engine's runProbe).
 */
export async function checkSystem(input: CheckSystemInput, options: EngineOptions = {}): Promise<CheckResult> {
  const system = typeof input.system === "string" ? catalogued(input.system) : input.system;
  const authType = getAuthType(system, input.authType);
  if (!authType) throw new UnknownSystemError(`Unknown auth type "${input.authType}" for system "${system.id}"`);
  const parsed = parseCredentials(authType, input.credentials);
  if (!parsed.ok) throw new InvalidCredentialsError(system.id, authType.id, parsed.fieldErrors);
  const started = performance.now();
  const result = await runProbe({ system, authType, credentials: parsed.data }, options);
  countCheck(system.id, result, (performance.now() - started) / 1000);
  return result;
}

function catalogued(id: string): SystemDef {
  const system = getSystem(id);
  if (!system) throw new UnknownSystemError(`Unknown system "${id}"`);
  return system;
}
