import { fireEvent, render, screen } from "@testing-library/react";
import { AddConnectorWizard } from "@/components/connectors/wizard/add-connector-wizard";
import type { WizardProps } from "@/components/connectors/wizard/types";
import { DATE_FORMATS, timeZones } from "@/lib/format/date";
import { catalogue } from "@/lib/connectors/catalogue";

/** Shared by the wizard tests (not a test file: jest only runs *.test.tsx). The real catalogue, as the page passes it. */
export const SYSTEMS = catalogue();
export const ONE_GROUP = [{ id: "00000000-0000-4000-8000-000000000001", name: "Main", isDefault: true }];
export const TWO_GROUPS = [
  ...ONE_GROUP,
  { id: "00000000-0000-4000-8000-000000000002", name: "Outlet", isDefault: false },
];

/** The props the page passes: the real catalogue, one company group, every date format and every time zone. */
export const wizardProps = (props: Partial<WizardProps> = {}): WizardProps => ({
  systems: SYSTEMS,
  groups: ONE_GROUP,
  dateFormats: DATE_FORMATS.map((f) => ({ ...f })),
  timeZones: timeZones(),
  ...props,
});

export function renderWizard(props: Partial<WizardProps> = {}) {
  return render(<AddConnectorWizard {...wizardProps(props)} />);
}

export const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
export const clickNext = () => fireEvent.click(screen.getByRole("button", { name: /Next/ }));
export const clickBack = () => fireEvent.click(screen.getByRole("button", { name: /Back/ }));
export const currentStep = () =>
  screen.getByRole("navigation", { name: "Wizard steps" }).querySelector('[aria-current="step"]')?.textContent;

/** Search, pick the system, and go to the General step. */
export function chooseSystem(search: string, name: RegExp) {
  type("Search systems", search);
  fireEvent.click(screen.getByRole("radio", { name }));
  clickNext();
}

/** From the General step to the step after the time zone step, keeping the defaults. */
export function passGeneralAndTime() {
  clickNext();
  clickNext();
}
