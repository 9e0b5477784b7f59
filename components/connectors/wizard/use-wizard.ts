"use client";

import { type FormEvent, useEffect, useRef, useState } from "react";
import type { FormState } from "@/lib/form-state";
import type { Errors, StepId, WizardProps, WizardSystem, WizardValues } from "./types";
import { stepOfKey, validateStep } from "./validate";

/** Every auth type's default values (SFTP's port 22, root /): typed values are kept when switching auth type. */
function defaultCredentials(system: WizardSystem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of system.authTypes.flatMap((a) => a.fields)) if (field.defaultValue !== undefined) out[field.key] ??= field.defaultValue;
  return out;
}
const autoName = (system: WizardSystem, environment: string) => `${system.name} ${environment}`;
const without = (errors: Errors, pred: (key: string) => boolean) => Object.fromEntries(Object.entries(errors).filter(([k]) => !pred(k)));

function initialValues({ systems, groups, dateFormats, initialSystemId, initialEnvironment = "live" }: WizardProps): WizardValues {
  const system = systems.find((s) => s.id === initialSystemId);
  return {
    systemId: system?.id ?? "",
    name: system ? autoName(system, initialEnvironment) : "",
    nameTouched: false,
    companyGroupId: (groups.find((g) => g.isDefault) ?? groups[0])?.id ?? "",
    environment: initialEnvironment,
    timeZone: "",
    dateFormat: dateFormats[0]?.id ?? "",
    authType: system?.authTypes[0]?.id ?? "",
    credentials: system ? defaultCredentials(system) : {},
    saveOffline: false,
  };
}

/** The wizard's state: values of every step (controlled, so a failed submit keeps them), the current step and errors. */
export function useWizard(props: WizardProps, state: FormState) {
  const { systems, timeZones } = props;
  const [values, setValues] = useState(() => initialValues(props));
  const system = systems.find((s) => s.id === values.systemId);
  const steps: StepId[] = ["system", "general", "time", ...(system && system.authTypes.length > 1 ? (["auth"] as const) : []), "credentials"];
  const [step, setStep] = useState<StepId>(system ? "general" : "system");
  const [furthest, setFurthest] = useState(system ? 1 : 0);
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [seen, setSeen] = useState(state);
  // What to focus after the next render: a field key, "heading" (the step's heading) or "result" (the failure panel).
  const focus = useRef<string | null>(null);
  const index = Math.max(0, steps.indexOf(step));
  const last = steps[steps.length - 1];

  // The browser's zone is only known after hydration; the server cannot guess it.
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    setValues((v) => (v.timeZone ? v : { ...v, timeZone: timeZones.includes(zone) ? zone : "UTC" }));
  }, [timeZones]);

  // A new answer from the server: show its errors on the earliest step that holds one.
  if (state !== seen) {
    setSeen(state);
    const errors = state.fieldErrors ?? {};
    const keys = Object.keys(errors).sort((a, b) => steps.indexOf(stepOfKey(a, steps)) - steps.indexOf(stepOfKey(b, steps)));
    setServerErrors(errors);
    setClientErrors({});
    setStep(keys[0] ? stepOfKey(keys[0], steps) : last);
    focus.current = keys[0] && keys[0] !== "saveOffline" ? keys[0] : "result";
  }

  useEffect(() => {
    const target = focus.current;
    if (!target) return;
    focus.current = null;
    const heading = document.getElementById(`wizard-step-${step}`);
    const el = target === "heading" ? heading : target === "result" ? document.getElementById("wizard-result") : document.getElementById(`field-${target}`);
    (el ?? heading)?.focus();
  });

  const clear = (pred: (key: string) => boolean) => {
    setClientErrors((e) => without(e, pred));
    setServerErrors((e) => without(e, pred));
  };
  const set = <K extends keyof WizardValues>(key: K, value: WizardValues[K]) => {
    setValues((v) => ({
      ...v,
      [key]: value,
      ...(key === "name" ? { nameTouched: true } : {}),
      ...(key === "environment" && system && !v.nameTouched ? { name: autoName(system, String(value)) } : {}),
    }));
    clear((k) => k === key);
  };
  const setCredential = (key: string, value: string) => {
    setValues((v) => ({ ...v, credentials: { ...v.credentials, [key]: value } }));
    clear((k) => k === `credentials.${key}`);
  };
  const selectSystem = (id: string) => {
    const chosen = systems.find((s) => s.id === id);
    if (!chosen || id === values.systemId) return;
    setValues((v) => ({ ...v, systemId: id, authType: chosen.authTypes[0]?.id ?? "", credentials: defaultCredentials(chosen), name: v.nameTouched ? v.name : autoName(chosen, v.environment) }));
    setFurthest(0);
    clear((k) => k === "systemId" || k === "authType" || k.startsWith("credentials."));
  };

  const go = (target: StepId) => {
    focus.current = "heading";
    setClientErrors({});
    setStep(target);
    setFurthest((f) => Math.max(f, steps.indexOf(target)));
  };
  /** Validates the steps from the current one up to (not including) `target`; stops on the first with errors. */
  const advanceTo = (target: StepId) => {
    for (const s of steps.slice(index, steps.indexOf(target))) {
      const errors = validateStep(s, values, system, timeZones);
      const first = Object.keys(errors)[0];
      if (first) {
        setClientErrors(errors);
        setStep(s);
        focus.current = first;
        return false;
      }
    }
    go(target);
    return true;
  };
  const goTo = (target: StepId) => (steps.indexOf(target) <= index ? go(target) : advanceTo(target));
  const next = () => advanceTo(steps[index + 1]);
  const back = () => go(steps[Math.max(0, index - 1)]);

  /** Enter or "Next" on an early step moves on; the last step submits only when every step is valid. */
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (step !== last) {
      event.preventDefault();
      next();
      return;
    }
    for (const s of steps) {
      const errors = validateStep(s, values, system, timeZones);
      const first = Object.keys(errors)[0];
      if (first) {
        event.preventDefault();
        setClientErrors(errors);
        setStep(s);
        focus.current = first;
        return;
      }
    }
  };

  const errors = (key: string) => clientErrors[key] ?? serverErrors[key];
  return { values, system, steps, step, index, furthest, errors, set, setCredential, selectSystem, next, back, goTo, onSubmit };
}
