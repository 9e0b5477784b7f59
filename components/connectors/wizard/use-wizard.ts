"use client";

import { type SubmitEvent, useEffect, useLayoutEffect, useReducer } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";
import type { GeneralKey, StepId, WizardProps, WizardValues } from "./types";
import { initialWizardState, isComplete, stepIndex, stepsOf, systemOf, wizardReducer } from "./wizard-state";

/**
 * The wizard's state (./wizard-state.ts) on screen: values of every step (controlled, so a failed submit keeps them),
 * the current step and errors. `state` is the server action's answer.
 */
export function useWizard(props: WizardProps, state: FormState) {
  const [wizard, dispatch] = useReducer(wizardReducer, props, initialWizardState);
  const { values, step, furthest, focus } = wizard;
  const steps = stepsOf(wizard);
  const index = stepIndex(wizard);

  // The browser's zone is only known after hydration; the server cannot guess it.
  useEffect(() => {
    dispatch({ type: "browserTimeZone", zone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  }, []);

  // A new answer from the server (the first render holds the initial state, not an answer). A layout effect, so the
  // answer's message and its field errors reach the screen together.
  useLayoutEffect(() => {
    if (state !== initialFormState) dispatch({ type: "serverResult", fieldErrors: state.fieldErrors ?? {} });
  }, [state]);

  // Focus what the last step change asked for, once it is on screen: the field, or, for a choice drawn as cards (the
  // system, the environment), its error message, scrolled to the middle of the view so the message is seen.
  useEffect(() => {
    if (!focus) return;
    const heading = document.getElementById(`wizard-step-${focus.step}`);
    const { target } = focus;
    const el =
      target === "heading"
        ? heading
        : target === "result"
          ? document.getElementById("wizard-result")
          : (document.getElementById(`field-${target}`) ?? focusableError(`field-${target}-error`));
    const shown = el ?? heading;
    if (!shown) return;
    shown.focus({ preventScroll: target !== "heading" });
    if (target !== "heading" && "scrollIntoView" in shown) shown.scrollIntoView({ block: "center" });
  }, [focus]);

  const set = <K extends GeneralKey>(key: K, value: WizardValues[K]) => dispatch({ type: "set", key, value });
  const setCredential = (key: string, value: string) => dispatch({ type: "setCredential", key, value });
  const selectSystem = (id: string) => dispatch({ type: "chooseSystem", id });
  const chooseAuthType = (id: string) => dispatch({ type: "chooseAuthType", id });
  const goTo = (target: StepId) => dispatch({ type: "goTo", step: target });
  const back = () => dispatch({ type: "back" });

  /** Enter or "Next" on an early step moves on; the last step submits only when every step is valid. */
  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    if (step !== steps[steps.length - 1]) {
      event.preventDefault();
      dispatch({ type: "next" });
    } else if (!isComplete(wizard)) {
      event.preventDefault();
      dispatch({ type: "submit" });
    }
  };

  const errors = (key: string) => wizard.clientErrors[key] ?? wizard.serverErrors[key];
  const system = systemOf(wizard);
  const actions = { set, setCredential, selectSystem, chooseAuthType, back, goTo, onSubmit };
  return { values, system, steps, step, index, furthest, errors, ...actions };
}

/** An error message that takes focus from script only (tabindex -1), when it has something to say. */
function focusableError(id: string): HTMLElement | null {
  const el = document.getElementById(id);
  if (!el?.textContent) return null;
  el.tabIndex = -1;
  return el;
}
