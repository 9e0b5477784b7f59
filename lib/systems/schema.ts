import { z } from "zod";
import { textProblem } from "@/lib/validation/text";
import { destinationFields } from "./destination";
import type { AuthTypeDef, CredentialField, SystemDef } from "@/lib/health/contract";

// Generous for a PEM private key, small enough that nobody posts a megabyte into a form field.
export const MAX_FIELD_LENGTH = 4096;

/** The zod schema for one field, derived from its declaration: no second hand-written copy per system. */
export function fieldSchema(field: CredentialField) {
  const required = field.required !== false;
  return z
    .preprocess(
      (v) => (v === undefined || v === null ? "" : typeof v === "number" ? String(v) : v),
      z.string({ error: `${field.label} must be text.` }).max(MAX_FIELD_LENGTH, `${field.label} is too long (at most ${MAX_FIELD_LENGTH} characters).`),
    )
    .transform((raw, ctx) => {
      const fail = (message: string) => {
        ctx.issues.push({ code: "custom", message, input: undefined });
        return z.NEVER;
      };
      // The shared text rule (lib/validation/text): secrets keep their exact code points, as the vendor compares them.
      let value = field.secret ? raw : raw.normalize("NFC");
      value = field.trim === false ? value : value.trim();
      const problem = textProblem(value, { multiline: field.kind === "textarea" });
      if (problem) return fail(`${field.label} ${problem}.`);
      if (value === "" && field.defaultValue !== undefined) value = field.defaultValue;
      if (value === "") return required ? fail(`${field.label} is required.`) : "";
      if (field.normalise) value = field.normalise(value);
      if (field.options && !field.options.some((o) => o.value === value)) {
        return fail(`${field.label} must be one of: ${field.options.map((o) => o.label).join(", ")}.`);
      }
      if (field.kind === "number" && !/^\d+$/.test(value)) return fail(`${field.label} must be a whole number.`);
      if (field.kind === "url" && !isHttpUrl(value)) return fail(`${field.label} must be a full web address starting with https:// (or http://).`);
      if (field.pattern && !new RegExp(field.pattern.regex.source, field.pattern.regex.flags.replace("g", "")).test(value)) {
        return fail(field.pattern.message);
      }
      return value;
    });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && Boolean(url.hostname);
  } catch {
    return false;
  }
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
  if (result.success) return { ok: true, data: result.data as Record<string, string> };
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
export function changedDestinations(authType: AuthTypeDef, stored: Readonly<Record<string, unknown>>, submitted: Readonly<Record<string, unknown>>): CredentialField[] {
  return destinationFields(authType).filter((f) => {
    const before = fieldSchema(f).safeParse(stored[f.key]);
    const after = fieldSchema(f).safeParse(submitted[f.key]);
    return !(before.success && after.success && before.data === after.data);
  });
}
