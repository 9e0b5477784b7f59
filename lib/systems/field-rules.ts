import type { CredentialField } from "@/lib/health/contract";
import { textProblem } from "@/lib/validation/text";
import { pass, refuse, type RuleResult } from "@/lib/validation/rule";

/**
 * The rule for one credential field, shared by the server (lib/systems/schema.ts builds its zod schema on it) and
 * the add-connector wizard in the browser (components/connectors/wizard/validate.ts). Pure and free of server-only
 * imports, so a client component can import it.
 */

// Generous for a PEM private key, small enough that nobody posts a megabyte into a form field.
export const MAX_FIELD_LENGTH = 4096;

/**
 * What the rule reads of a field. The server passes the declaration itself (a RegExp pattern and a `normalise`
 * function); the browser passes the catalogue's plain-data copy (the pattern as source and flags, and `normalises`
 * instead of the function, which cannot cross to the browser).
 */
export type FieldRule = Pick<
  CredentialField,
  "label" | "secret" | "kind" | "required" | "trim" | "defaultValue" | "options"
> & {
  pattern?: { regex: RegExp; message: string } | { source: string; flags: string; message: string };
  normalise?: (value: string) => string;
  normalises?: boolean;
};

/** A fresh RegExp without the g flag: a global RegExp remembers where it stopped and would fail every second test. */
function patternRegex(pattern: NonNullable<FieldRule["pattern"]>): RegExp {
  const [source, flags] =
    "regex" in pattern ? [pattern.regex.source, pattern.regex.flags] : [pattern.source, pattern.flags];
  return new RegExp(source, flags.replace("g", ""));
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && Boolean(url.hostname);
  } catch {
    return false;
  }
}

/** Checks and normalises one typed value; the message never quotes the value (it may be a secret). */
export function checkField(field: FieldRule, raw: string): RuleResult {
  const { label } = field;
  if (raw.length > MAX_FIELD_LENGTH) return refuse(`${label} is too long (at most ${MAX_FIELD_LENGTH} characters).`);
  // The text rule (lib/validation/text.ts): secrets keep their exact code points, as the vendor compares them.
  let value = field.secret ? raw : raw.normalize("NFC");
  if (field.trim !== false) value = value.trim();
  const problem = textProblem(value, { multiline: field.kind === "textarea" });
  if (problem) return refuse(`${label} ${problem}.`);
  if (value === "" && field.defaultValue !== undefined) value = field.defaultValue;
  if (value === "") return field.required === false ? pass("") : refuse(`${label} is required.`);
  if (field.normalise) value = field.normalise(value);
  // In the browser: the server first turns a pasted URL into the bare value (https://my-shop.myshopify.com/ ->
  // my-shop), so the typed value may legitimately fail the checks below; the server checks and explains those fields.
  else if (field.normalises) return pass(value);
  if (field.options && !field.options.some((o) => o.value === value)) {
    return refuse(`${label} must be one of: ${field.options.map((o) => o.label).join(", ")}.`);
  }
  if (field.kind === "number" && !/^\d+$/.test(value)) return refuse(`${label} must be a whole number.`);
  if (field.kind === "url" && !isHttpUrl(value)) {
    return refuse(`${label} must be a full web address starting with https:// (or http://).`);
  }
  if (field.pattern && !patternRegex(field.pattern).test(value)) return refuse(field.pattern.message);
  return pass(value);
}
