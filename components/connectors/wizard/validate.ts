import type { Errors, StepId, WizardField, WizardSystem, WizardValues } from "./types";

// Mirrors lib/systems/schema.ts fieldSchema so the browser shows the server's own messages before submitting.
const MAX_FIELD_LENGTH = 4096;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && Boolean(url.hostname);
  } catch {
    return false;
  }
}

/** The first problem with one credential value, or undefined. */
export function checkField(field: WizardField, raw: string): string | undefined {
  let value = field.trim === false ? raw : raw.trim();
  if (value === "" && field.defaultValue !== undefined) value = field.defaultValue;
  if (value === "") return field.required === false ? undefined : `${field.label} is required.`;
  if (value.length > MAX_FIELD_LENGTH) return `${field.label} is too long (at most ${MAX_FIELD_LENGTH} characters).`;
  // The server first turns a pasted URL into the bare value (https://my-shop.myshopify.com/ -> my-shop), so the
  // typed value may legitimately fail the pattern here: the server checks and explains those fields.
  if (field.normalises) return undefined;
  if (field.options && !field.options.some((o) => o.value === value)) return `${field.label} must be one of: ${field.options.map((o) => o.label).join(", ")}.`;
  if (field.kind === "number" && !/^\d+$/.test(value)) return `${field.label} must be a whole number.`;
  if (field.kind === "url" && !isHttpUrl(value)) return `${field.label} must be a full web address starting with https:// (or http://).`;
  if (field.pattern && !new RegExp(field.pattern.source, field.pattern.flags).test(value)) return field.pattern.message;
  return undefined;
}

export function authTypeOf(system: WizardSystem | undefined, id: string) {
  return system?.authTypes.find((a) => a.id === id) ?? system?.authTypes[0];
}

/** Client-side checks for one step; the server re-checks everything. */
export function validateStep(step: StepId, v: WizardValues, system: WizardSystem | undefined, timeZones: string[]): Errors {
  const errors: Errors = {};
  const add = (key: string, message: string) => (errors[key] = [message]);
  if (step === "system" && !system) add("systemId", "Choose a system.");
  if (step === "general") {
    if (!v.name.trim()) add("name", "Name is required.");
    else if (v.name.trim().length > 80) add("name", "Use at most 80 characters.");
  }
  if (step === "time") {
    if (!timeZones.includes(v.timeZone)) add("timeZone", "Choose a time zone from the list (for example Europe/London).");
    if (!v.dateFormat) add("dateFormat", "Choose a date format from the list.");
  }
  if (step === "auth" && !system?.authTypes.some((a) => a.id === v.authType)) add("authType", "Choose an authentication type.");
  if (step === "credentials") {
    for (const field of authTypeOf(system, v.authType)?.fields ?? []) {
      const message = checkField(field, v.credentials[field.key] ?? "");
      if (message) add(`credentials.${field.key}`, message);
    }
  }
  return errors;
}

const KEY_STEPS: Record<string, StepId> = {
  systemId: "system",
  name: "general",
  companyGroupId: "general",
  environment: "general",
  timeZone: "time",
  dateFormat: "time",
  authType: "auth",
};

/** The step that holds a field (server error keys included); unknown keys belong to the last step. */
export function stepOfKey(key: string, steps: StepId[]): StepId {
  const step = KEY_STEPS[key];
  return step && steps.includes(step) ? step : steps[steps.length - 1];
}
