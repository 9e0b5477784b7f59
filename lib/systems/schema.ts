import { z } from "zod";
import { ruleSchema } from "@/lib/validation/rule";
import { destinationFields } from "./destination";
import { checkField } from "./field-rules";
import type { AuthTypeDef, CredentialField, SystemDef } from "@/lib/health/contract";

export { MAX_FIELD_LENGTH } from "./field-rules";

/**
 * The zod schema for one field, derived from its declaration: no second hand-written copy per system. The rule
 * itself is `checkField` (./field-rules.ts), which the add-connector wizard also runs in the browser.
 */
export function fieldSchema(field: CredentialField) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? "" : typeof v === "number" ? String(v) : v),
    ruleSchema((raw) => checkField(field, raw), `${field.label} must be text.`),
  );
}

/** Builds the credentials schema for one auth type of a system. Unknown keys are dropped. */
export function credentialsSchema(system: SystemDef, authTypeId: string) {
  const authType = system.authTypes.find((a) => a.id === authTypeId);
  if (!authType) throw new Error(`Unknown auth type "${authTypeId}" for system "${system.id}"`);
  return authTypeSchema(authType);
}

// Built once per auth type: zod compiles each new object schema on first parse, which cost more CPU than the
// HTTP request itself when the sweep built one per check (measured with npm run bench:sweep).
const schemas = new WeakMap<AuthTypeDef, ReturnType<typeof buildAuthTypeSchema>>();

export function authTypeSchema(authType: AuthTypeDef) {
  let schema = schemas.get(authType);
  if (!schema) schemas.set(authType, (schema = buildAuthTypeSchema(authType)));
  return schema;
}

function buildAuthTypeSchema(authType: AuthTypeDef) {
  return z.object(Object.fromEntries(authType.fields.map((f) => [f.key, fieldSchema(f)])));
}

export type FieldErrors = Record<string, string[]>;

/** Validates and normalises; field errors never quote the submitted value (it may be a secret). */
export function parseCredentials(
  authType: AuthTypeDef,
  input: Readonly<Record<string, unknown>>,
): { ok: true; data: Record<string, string> } | { ok: false; fieldErrors: FieldErrors } {
  const result = authTypeSchema(authType).safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "_");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, fieldErrors };
}

/**
 * The destination fields (see destination.ts) whose value differs between what is stored and what was submitted,
 * compared after trimming, defaults and `normalise`, so "https://shop.example.com/" is the stored "https://shop.example.com".
 * A value that does not validate counts as changed.
 */
export function changedDestinations(
  authType: AuthTypeDef,
  stored: Readonly<Record<string, unknown>>,
  submitted: Readonly<Record<string, unknown>>,
): CredentialField[] {
  return destinationFields(authType).filter((f) => {
    const before = fieldSchema(f).safeParse(stored[f.key]);
    const after = fieldSchema(f).safeParse(submitted[f.key]);
    return !(before.success && after.success && before.data === after.data);
  });
}
