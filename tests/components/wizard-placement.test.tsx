import { fireEvent, screen } from "@testing-library/react";
import { initialWizardState, wizardReducer } from "@/components/connectors/wizard/wizard-state";
import {
  chooseSystem,
  clickBack,
  clickNext,
  currentStep,
  ONE_GROUP,
  renderWizard,
  TWO_GROUPS,
  type,
  wizardProps,
} from "./wizard-helpers";

// Server actions cannot run in jsdom; these tests never submit.
jest.mock("@/lib/actions/connectors", () => ({ createConnectorAction: jest.fn() }));

const MAIN = ONE_GROUP[0].id;
const OUTLET = TWO_GROUPS[1].id;
const shopifyLive = {
  id: "10000000-0000-4000-8000-000000000001",
  name: "Shopify UK",
  companyGroupId: MAIN,
  systemId: "shopify",
  environment: "live" as const,
};

let scrolled: jest.Mock;
beforeEach(() => {
  // jsdom draws nothing, so it has no scrollIntoView: recorded here to see what the wizard scrolls to.
  scrolled = jest.fn();
  Element.prototype.scrollIntoView = scrolled;
});

describe("Add connector wizard: errors on the step where they arise, in view and focused", () => {
  it("Next without a system focuses 'Choose a system.' and scrolls it into view", () => {
    renderWizard();
    clickNext();
    const error = screen.getByText("Choose a system.");
    expect(error).toHaveAttribute("id", "field-systemId-error");
    expect(error).toHaveFocus();
    expect(scrolled).toHaveBeenCalled();
    expect(scrolled.mock.contexts.at(-1)).toBe(error);
  });

  it("refuses the group's second live connector of a system on the General step, on the environment, until Test is chosen", () => {
    renderWizard({ existing: [shopifyLive] });
    chooseSystem("shopify", /^Shopify/);
    type("Name", "Shopify outlet");
    clickNext();
    expect(currentStep()).toMatch(/General/);
    const error = document.getElementById("field-environment-error")!;
    expect(error).toHaveTextContent(
      'Main already has a live Shopify / Shopify Plus connector, "Shopify UK". Each company group holds one live and one test connector per system',
    );
    expect(error).toHaveFocus();
    fireEvent.click(screen.getByRole("radio", { name: /Test/ }));
    expect(error).toBeEmptyDOMElement();
    clickNext();
    expect(currentStep()).toMatch(/Time zone/);
  });

  it("with several groups, puts the refusal on the group, and another group passes", () => {
    renderWizard({ groups: TWO_GROUPS, existing: [shopifyLive] });
    chooseSystem("shopify", /^Shopify/);
    type("Name", "Shopify outlet");
    clickNext();
    const select = screen.getByLabelText("Company group");
    expect(select).toHaveFocus();
    expect(select).toHaveAccessibleDescription(
      /Main already has a live Shopify \/ Shopify Plus connector, "Shopify UK"/,
    );
    fireEvent.change(select, { target: { value: OUTLET } });
    clickNext();
    expect(currentStep()).toMatch(/Time zone/);
  });

  it("refuses a name another connector has, ignoring case, and accepts it again once changed", () => {
    renderWizard({ existing: [{ ...shopifyLive, systemId: "netsuite" }] });
    chooseSystem("shopify", /^Shopify/);
    type("Name", "  shopify uk ");
    clickNext();
    expect(screen.getByLabelText("Name")).toHaveFocus();
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription(/Another connector already has this name/);
    type("Name", "Shopify UK 2");
    clickNext();
    expect(currentStep()).toMatch(/Time zone/);
    clickBack();
    expect(screen.getByLabelText("Name")).toHaveValue("Shopify UK 2");
  });

  it("asks no credentials of the Inbound API: no client id field, no 'save anyway'", () => {
    renderWizard();
    chooseSystem("inbound", /^Inbound API/);
    clickNext();
    clickNext();
    expect(currentStep()).toMatch(/Credentials/);
    expect(screen.getByText(/Patchbay issues this connector's client ID and secret/)).toBeVisible();
    expect(screen.queryByLabelText(/Client ID/)).toBeNull();
    expect(screen.queryByText("The system is offline; save anyway")).toBeNull();
    expect(screen.getByRole("button", { name: "Save connector" })).toBeInTheDocument();
  });
});

describe("Add connector wizard: time zones", () => {
  const start = () => initialWizardState(wizardProps());

  it("defaults to the browser's zone under its current name, and to UTC when the browser names none", () => {
    const zoneOf = (zone: string) => wizardReducer(start(), { type: "browserTimeZone", zone }).values.timeZone;
    expect(zoneOf("Europe/Kyiv")).toBe("Europe/Kyiv");
    expect(zoneOf("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(zoneOf("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(zoneOf("America/New_York")).toBe("America/New_York");
    expect(zoneOf("Not/A_Zone")).toBe("UTC");
    const chosen = wizardReducer(start(), { type: "set", key: "timeZone", value: "Asia/Tokyo" });
    expect(wizardReducer(chosen, { type: "browserTimeZone", zone: "Europe/Kiev" }).values.timeZone).toBe("Asia/Tokyo");
  });

  it("lists current names, finds a zone by its old name, and takes it on Enter", () => {
    const zones = wizardProps().timeZones;
    expect(zones).toContain("Europe/Kyiv");
    expect(zones).not.toContain("Europe/Kiev");
    renderWizard();
    chooseSystem("veeqo", /^Veeqo/);
    clickNext();
    type("Search time zones", "Europe/Kiev");
    expect(screen.getByRole("radio", { name: "Europe/Kyiv" })).toBeInTheDocument();
    fireEvent.keyDown(screen.getByLabelText("Search time zones"), { key: "Enter" });
    expect(screen.getByRole("radio", { name: "Europe/Kyiv" })).toBeChecked();
    expect(document.getElementById("wizard-zone-selected")).toHaveTextContent("Selected: Europe/Kyiv");
  });
});
