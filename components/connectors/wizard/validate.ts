import { checkConnectorName, checkDateFormat, checkTimeZone } from "@/lib/connectors/general-rules";
import { checkField } from "@/lib/systems/field-rules";
import { ruleMessage } from "@/lib/validation/rule";
import { nameTakenIn, NAME_TAKEN_MESSAGE, slotHolder, slotTakenMessage } from "@/lib/connectors/placement-rules";
import type { Errors, Placement, StepId, WizardSystem, WizardValues } from "./types";

export function authTypeOf(system: WizardSystem | undefined, id: string) {
  return system?.authTypes.find((a) => a.id === id) ?? system?.authTypes[0];
}

/**
 * One step's fields, checked with the server's own rules (its messages, before submitting); the server re-checks all.
 * The General step also checks the name and the one-per-group rule against the organisation's connectors.
 */
export function validateStep(
  step: StepId,
  v: WizardValues,
  system: WizardSystem | undefined,
  placement: Placement = { existing: [], groups: [] },
): Errors {
  const errors: Errors = {};
  const add = (key: string, message: string | undefined) => {
    if (message) errors[key] = [message];
  };
  if (step === "system" && !system) add("systemId", "Choose a system.");
  if (step === "general") {
    add(
      "name",
      ruleMessage(checkConnectorName(v.name)) ??
        (nameTakenIn(placement.existing, v.name) ? NAME_TAKEN_MESSAGE : undefined),
    );
    const holder = system && slotHolder(placement.existing, { ...v, systemId: system.id });
    const group = placement.groups.find((g) => g.id === v.companyGroupId);
    // On the group when the user chooses one, else on the environment (the only other way out).
    if (holder)
      add(
        placement.groups.length > 1 ? "companyGroupId" : "environment",
        slotTakenMessage(group?.name ?? "This company group", v.environment, system.name, holder.name),
      );
  }
  if (step === "time") {
    add("timeZone", ruleMessage(checkTimeZone(v.timeZone)));
    add("dateFormat", ruleMessage(checkDateFormat(v.dateFormat)));
  }
  if (step === "auth" && !system?.authTypes.some((a) => a.id === v.authType))
    add("authType", "Choose an authentication type.");
  if (step === "credentials" && !system?.platformManaged) {
    for (const field of authTypeOf(system, v.authType)?.fields ?? []) {
      add(`credentials.${field.key}`, ruleMessage(checkField(field, v.credentials[field.key] ?? "")));
    }
  }
  return errors;
}

const KEY_STEPS: Partial<Record<string, StepId>> = {
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
