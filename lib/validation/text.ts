import { z } from "zod";

/**
 * The one rule for text people and programs send us. Every text input is NFC-normalised (so "é" typed two ways is one
 * value), trimmed unless the field says otherwise, and refuses what no legitimate value contains: NUL, other C0/C1
 * control characters (terminal escapes, backspace; tab and line breaks only in multi-line fields), lone UTF-16
 * surrogates (not text; Postgres cannot store them) and, in names, bidi overrides and line separators that make a
 * name display as something else. The message names the field and says what is wrong, never quoting the value.
 */
export type TextRule = {
  /** Tab, CR and LF are allowed (text areas, PEM keys, error text). */
  multiline?: boolean;
  /** A label people read (connector, user, group, service names): also refuses bidi overrides and line separators. */
  name?: boolean;
};

const SURROGATE = /\p{Cs}/u; // with the u flag only a lone (unpaired) surrogate matches
const CONTROL = /\p{Cc}/u; // U+0000-U+001F, U+007F-U+009F
const CONTROL_EXCEPT_LINES = /[^\P{Cc}\t\n\r]/u; // the same without tab, LF and CR
const CONTROL_EXCEPT_LINES_G = /[^\P{Cc}\t\n\r]/gu;
const DISPLAY_TRICKS = /[\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/** What is wrong with `value` under `rule`, as the end of a sentence that starts with the field's label; undefined when fine. */
export function textProblem(value: string, rule: TextRule = {}): string | undefined {
  if (value.includes("\u0000")) return "must not contain a NUL character";
  if (SURROGATE.test(value)) return "contains an invalid character (an unpaired UTF-16 surrogate)";
  if (rule.multiline ? CONTROL_EXCEPT_LINES.test(value) : CONTROL.test(value)) {
    return rule.multiline
      ? "must not contain control characters or terminal escapes"
      : "must be one line without control characters (tabs, line breaks, terminal escapes)";
  }
  if (rule.name && DISPLAY_TRICKS.test(value)) return "must not contain text-direction overrides or line separators";
  return undefined;
}

/** True when `value` passes the rule: for query parameters and headers that are ignored rather than answered with a message. */
export const isCleanText = (value: string, rule?: TextRule) => textProblem(value, rule) === undefined;

/**
 * The zod form of the rule: `text("Name", { name: true }).min(1, ...).max(80, ...)`. `trim: false` keeps surrounding
 * spaces (passwords); `normalize: false` keeps the exact code points (secrets compared byte for byte by a vendor).
 */
export function text(label: string, rule: TextRule & { trim?: boolean; normalize?: boolean; required?: string } = {}) {
  let schema = z.string({ error: rule.required ?? `${label} is required.` });
  if (rule.normalize !== false) schema = schema.normalize("NFC");
  if (rule.trim !== false) schema = schema.trim();
  return schema.superRefine((value, ctx) => {
    const problem = textProblem(value, rule);
    if (problem) ctx.addIssue({ code: "custom", message: `${label} ${problem}.`, input: undefined });
  });
}

/**
 * For text relayed from another program that we display but never act on (a sync engine's error message): a refused
 * character would throw away a whole batch of valid runs over a cosmetic flaw, so the text is cleaned instead. Unpaired
 * surrogates become U+FFFD and control characters other than tab and line breaks are removed.
 */
export function cleanRelayedText(value: string): string {
  return value.toWellFormed().normalize("NFC").replace(CONTROL_EXCEPT_LINES_G, "");
}

/** The first value of a query parameter (Next gives arrays for repeated keys), or undefined. */
export const firstParam = (value: string | string[] | undefined | null) =>
  (Array.isArray(value) ? value[0] : value) ?? undefined;
