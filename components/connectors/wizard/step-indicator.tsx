import { STEP_LABELS, type StepId } from "./types";

/** The steps as a list: visited ones are buttons (go back, or forward again once they are valid); the current one is aria-current. */
export function StepIndicator({
  steps,
  current,
  furthest,
  onGo,
  disabled,
}: {
  steps: StepId[];
  current: StepId;
  furthest: number;
  onGo: (step: StepId) => void;
  disabled?: boolean;
}) {
  const currentIndex = steps.indexOf(current);
  return (
    <nav aria-label="Wizard steps" className="mb-6">
      <ol className="flex flex-wrap gap-x-2 gap-y-2 text-sm">
        {steps.map((step, i) => {
          const state = step === current ? "current" : i < currentIndex || i <= furthest ? "visited" : "todo";
          const badge = {
            current: "bg-brand-700 text-white",
            visited: "bg-brand-100 text-brand-900",
            todo: "bg-slate-100 text-slate-600",
          }[state];
          const content = (
            <>
              <span
                aria-hidden
                className={`inline-flex h-6 w-6 items-center justify-center rounded-full text-xs font-semibold ${badge}`}
              >
                {i + 1}
              </span>
              <span className={state === "current" ? "font-semibold text-slate-900" : "text-slate-600"}>
                {STEP_LABELS[step]}
              </span>
              <span className="sr-only">{`, step ${i + 1} of ${steps.length}`}</span>
            </>
          );
          return (
            <li key={step} className="flex items-center gap-2">
              {i > 0 ? <span aria-hidden className="h-px w-4 bg-slate-300" /> : null}
              {state === "visited" ? (
                <button
                  type="button"
                  onClick={() => onGo(step)}
                  disabled={disabled}
                  className="flex items-center gap-2 rounded-md px-1 py-0.5 hover:bg-slate-100"
                >
                  {content}
                </button>
              ) : (
                <span
                  className="flex items-center gap-2 px-1 py-0.5"
                  aria-current={state === "current" ? "step" : undefined}
                >
                  {content}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** Each step's heading; focused when the step changes so screen readers announce where the user is. */
export function StepHeading({ step, title, children }: { step: StepId; title: string; children?: React.ReactNode }) {
  return (
    <div className="mb-4">
      <h2 id={`wizard-step-${step}`} tabIndex={-1} className="text-lg font-semibold outline-none">
        {title}
      </h2>
      {children ? <p className="mt-1 text-sm text-slate-600">{children}</p> : null}
    </div>
  );
}
