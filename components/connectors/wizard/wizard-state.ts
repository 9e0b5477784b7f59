import { canonicalTimeZone } from "@/lib/format/time-zones";
import type { Errors, GeneralKey, Placement, StepId, WizardProps, WizardSystem, WizardValues } from "./types";
import { stepOfKey, validateStep } from "./validate";

/**
 * The add-connector wizard's state as a pure reducer (use-wizard.ts runs it with useReducer): the values of every
 * step, the current step, the furthest step reached, the browser's and the server's errors, and what to focus next.
 */
export type WizardState = {
  /** Fixed for the wizard's life (the page's props): what the steps and checks are computed from. */
  systems: WizardSystem[];
  timeZones: string[];
  placement: Placement;
  values: WizardValues;
  step: StepId;
  /** Index of the furthest step reached: the step indicator lets the user jump back to any step up to it. */
  furthest: number;
  clientErrors: Errors;
  serverErrors: Errors;
  /**
   * What to focus once the state is on screen: a field key, "heading" (the step's heading) or "result" (the server's
   * answer), and the step it is on. A new object for every request, so the hook's effect runs once per request.
   */
  focus: { target: string; step: StepId } | null;
};

export type WizardAction =
  | { type: "chooseSystem"; id: string }
  | { type: "chooseAuthType"; id: string }
  | { type: "set"; key: GeneralKey; value: string | boolean }
  | { type: "setCredential"; key: string; value: string }
  /** The browser's own zone, known only after hydration: the default when no zone is chosen yet. */
  | { type: "browserTimeZone"; zone: string }
  | { type: "goTo"; step: StepId }
  | { type: "next" }
  | { type: "back" }
  /** The last step's submit: shows the first step with an error, or changes nothing (the form goes to the server). */
  | { type: "submit" }
  /** The server refused the save: its errors, on the earliest step that holds one. */
  | { type: "serverResult"; fieldErrors: Errors };

/** Every auth type's default values (SFTP's port 22, root /): typed values are kept when switching auth type. */
function defaultCredentials(system: WizardSystem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of system.authTypes.flatMap((a) => a.fields)) {
    if (field.defaultValue !== undefined) out[field.key] ??= field.defaultValue;
  }
  return out;
}
const autoName = (system: WizardSystem, environment: string) => `${system.name} ${environment}`;
const without = (errors: Errors, drop: (key: string) => boolean) =>
  Object.fromEntries(Object.entries(errors).filter(([k]) => !drop(k)));

export function initialWizardState(props: WizardProps): WizardState {
  const { systems, timeZones, groups, dateFormats, initialSystemId, initialEnvironment = "live" } = props;
  const system = systems.find((s) => s.id === initialSystemId);
  return {
    systems,
    timeZones,
    placement: { existing: props.existing ?? [], groups },
    values: {
      systemId: system?.id ?? "",
      name: system ? autoName(system, initialEnvironment) : "",
      nameTouched: false,
      companyGroupId: (groups.find((g) => g.isDefault) ?? groups.at(0))?.id ?? "",
      environment: initialEnvironment,
      timeZone: "",
      dateFormat: dateFormats[0]?.id ?? "",
      authType: system?.authTypes[0]?.id ?? "",
      credentials: system ? defaultCredentials(system) : {},
      saveOffline: false,
    },
    step: system ? "general" : "system",
    furthest: system ? 1 : 0,
    clientErrors: {},
    serverErrors: {},
    focus: null,
  };
}

export const systemOf = (state: WizardState) => state.systems.find((s) => s.id === state.values.systemId);

/** The steps of the chosen system: "auth" only when it has several ways to sign in. */
export function stepsOf(state: WizardState): StepId[] {
  const system = systemOf(state);
  const auth: StepId[] = system && system.authTypes.length > 1 ? ["auth"] : [];
  return ["system", "general", "time", ...auth, "credentials"];
}

export const stepIndex = (state: WizardState) => Math.max(0, stepsOf(state).indexOf(state.step));

/** The first of `steps` with an error, and its errors. */
function firstInvalid(
  state: WizardState,
  steps: StepId[],
): { step: StepId; errors: Errors; first: string } | undefined {
  const system = systemOf(state);
  for (const step of steps) {
    const errors = validateStep(step, state.values, system, state.placement);
    const first = Object.keys(errors)[0];
    if (first) return { step, errors, first };
  }
  return undefined;
}

/** True when every step is valid: the last step's submit may go to the server. */
export const isComplete = (state: WizardState) => !firstInvalid(state, stepsOf(state));

const clearErrors = (state: WizardState, drop: (key: string) => boolean): WizardState => ({
  ...state,
  clientErrors: without(state.clientErrors, drop),
  serverErrors: without(state.serverErrors, drop),
});

function go(state: WizardState, step: StepId): WizardState {
  const furthest = Math.max(state.furthest, stepsOf(state).indexOf(step));
  return { ...state, step, furthest, clientErrors: {}, focus: { target: "heading", step } };
}

function showInvalid(state: WizardState, invalid: NonNullable<ReturnType<typeof firstInvalid>>): WizardState {
  const { step, errors, first } = invalid;
  return { ...state, clientErrors: errors, step, focus: { target: first, step } };
}

/** Checks the steps from the current one up to (not including) `target`, and stops on the first with errors. */
function advanceTo(state: WizardState, target: StepId): WizardState {
  const steps = stepsOf(state);
  const invalid = firstInvalid(state, steps.slice(stepIndex(state), steps.indexOf(target)));
  return invalid ? showInvalid(state, invalid) : go(state, target);
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  const { values } = state;
  switch (action.type) {
    case "chooseSystem": {
      const chosen = state.systems.find((s) => s.id === action.id);
      if (!chosen || action.id === values.systemId) return state;
      const next: WizardState = {
        ...state,
        values: {
          ...values,
          systemId: chosen.id,
          authType: chosen.authTypes[0]?.id ?? "",
          credentials: defaultCredentials(chosen),
          name: values.nameTouched ? values.name : autoName(chosen, values.environment),
        },
        furthest: 0,
      };
      return clearErrors(next, (k) => k === "systemId" || k === "authType" || k.startsWith("credentials."));
    }
    case "chooseAuthType":
      return clearErrors({ ...state, values: { ...values, authType: action.id } }, (k) => k === "authType");
    case "set": {
      const system = systemOf(state);
      const renamed =
        action.key === "environment" && system && !values.nameTouched
          ? { name: autoName(system, String(action.value)) }
          : {};
      const touched = action.key === "name" ? { nameTouched: true } : {};
      const next = { ...state, values: { ...values, [action.key]: action.value, ...touched, ...renamed } };
      // The one-per-group error sits on the group or the environment: changing either answers it.
      const slot = ["companyGroupId", "environment"];
      return clearErrors(next, (k) => k === action.key || (slot.includes(action.key) && slot.includes(k)));
    }
    case "setCredential": {
      const credentials = { ...values.credentials, [action.key]: action.value };
      return clearErrors({ ...state, values: { ...values, credentials } }, (k) => k === `credentials.${action.key}`);
    }
    case "browserTimeZone": {
      if (values.timeZone) return state;
      // Under the name the list uses (a browser may say Europe/Kiev for Europe/Kyiv); UTC when it names no zone.
      const timeZone = canonicalTimeZone(action.zone) ?? "UTC";
      return { ...state, values: { ...values, timeZone } };
    }
    case "goTo":
      return stepsOf(state).indexOf(action.step) <= stepIndex(state)
        ? go(state, action.step)
        : advanceTo(state, action.step);
    case "next": {
      const following = stepsOf(state).at(stepIndex(state) + 1);
      return following ? advanceTo(state, following) : state;
    }
    case "back":
      return go(state, stepsOf(state)[Math.max(0, stepIndex(state) - 1)]);
    case "submit": {
      const invalid = firstInvalid(state, stepsOf(state));
      return invalid ? showInvalid(state, invalid) : state;
    }
    case "serverResult": {
      const steps = stepsOf(state);
      const order = (key: string) => steps.indexOf(stepOfKey(key, steps));
      const first = Object.keys(action.fieldErrors)
        .sort((a, b) => order(a) - order(b))
        .at(0);
      const step = first ? stepOfKey(first, steps) : steps[steps.length - 1];
      const target = first && first !== "saveOffline" ? first : "result";
      return { ...state, serverErrors: action.fieldErrors, clientErrors: {}, step, focus: { target, step } };
    }
  }
}
