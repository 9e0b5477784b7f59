"use client";

import { Link } from "@/components/ui/link";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { createConnectorAction } from "@/lib/actions/connectors";
import { initialFormState } from "@/lib/form-state";
import { AuthTypeStep } from "./auth-type-step";
import { CredentialsStep } from "./credentials-step";
import { GeneralStep } from "./general-step";
import { ResultPanel } from "./result-panel";
import { StepIndicator } from "./step-indicator";
import { SystemStep } from "./system-step";
import { TimeZoneStep } from "./time-zone-step";
import type { StepId, WizardProps } from "./types";
import { useWizard } from "./use-wizard";

/**
 * The add-connector wizard. Every step stays mounted (inactive ones `hidden`) inside ONE form, so the server action
 * receives every field whichever step submits, and values are controlled state, so a refused save keeps what was
 * typed, secrets included (the server never echoes those).
 */
export function AddConnectorWizard(props: WizardProps) {
  const [state, action, pending] = useActionState(createConnectorAction, initialFormState);
  const w = useWizard(props, state);
  const { values, system, step } = w;
  const stepProps = { values, system, errors: w.errors, set: w.set };
  const isLast = step === w.steps[w.steps.length - 1];
  const section = (id: StepId, content: React.ReactNode) => (
    <section hidden={step !== id} aria-labelledby={`wizard-step-${id}`} data-step={id}>
      {content}
    </section>
  );
  return (
    <form
      action={action}
      onSubmit={w.onSubmit}
      noValidate
      aria-label="Add a connector"
      className="rounded-lg border border-slate-200 bg-white p-6"
    >
      <StepIndicator steps={w.steps} current={step} furthest={w.furthest} onGo={w.goTo} disabled={pending} />
      <ResultPanel state={state} />
      <input type="hidden" name="systemId" value={values.systemId} />
      <input type="hidden" name="timeZone" value={values.timeZone} />
      {section(
        "system",
        <SystemStep {...stepProps} systems={props.systems} onSelect={w.selectSystem} active={step === "system"} />,
      )}
      {section("general", <GeneralStep {...stepProps} groups={props.groups} />)}
      {section(
        "time",
        <TimeZoneStep
          {...stepProps}
          timeZones={props.timeZones}
          dateFormats={props.dateFormats}
          active={step === "time"}
        />,
      )}
      {w.steps.includes("auth") ? (
        section("auth", <AuthTypeStep {...stepProps} onChoose={w.chooseAuthType} />)
      ) : (
        <input type="hidden" name="authType" value={values.authType} />
      )}
      {section("credentials", <CredentialsStep {...stepProps} setCredential={w.setCredential} groups={props.groups} />)}
      <div className="mt-8 flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
        {w.index > 0 ? (
          <button
            type="button"
            onClick={w.back}
            disabled={pending}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60"
          >
            ← Back
          </button>
        ) : (
          <Link href="/connectors" className="text-sm text-slate-600 hover:underline">
            Cancel
          </Link>
        )}
        <div className="flex items-center gap-3">
          <p aria-live="polite" className="text-sm text-slate-600">
            {pending && !system?.platformManaged
              ? `Checking the connection to ${system?.name ?? "the system"}; this can take up to 10 seconds.`
              : ""}
          </p>
          {isLast && system?.platformManaged ? (
            <SubmitButton pendingText="Saving…">Save connector</SubmitButton>
          ) : isLast ? (
            <SubmitButton pendingText="Checking the connection…">Check and save connector</SubmitButton>
          ) : (
            <button
              type="submit"
              className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-900"
            >
              Next →
            </button>
          )}
        </div>
      </div>
    </form>
  );
}
