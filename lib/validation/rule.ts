import { z } from "zod";

/**
 * A field rule: a pure function from what was typed to the value to store, or the one message to show. The browser
 * (before submitting) and the server (through `ruleSchema`) call the same rule, so they cannot disagree.
 */
export type RuleResult<T = string> = { ok: true; value: T } | { ok: false; message: string };
export type Rule<T = string> = (raw: string) => RuleResult<T>;

export const pass = <T>(value: T): RuleResult<T> => ({ ok: true, value });
export const refuse = (message: string): RuleResult<never> => ({ ok: false, message });

/** The message of a rule's refusal, or undefined when the value passes: what a form shows next to the field. */
export const ruleMessage = <T>(result: RuleResult<T>) => (result.ok ? undefined : result.message);

/** A rule as a zod string schema: `notText` is the message for a value that is not a string (or is missing). */
export function ruleSchema<T>(rule: Rule<T>, notText: string) {
  return z.string({ error: notText }).transform((raw, ctx): T => {
    const result = rule(raw);
    if (result.ok) return result.value;
    ctx.issues.push({ code: "custom", message: result.message, input: undefined });
    return z.NEVER;
  });
}
