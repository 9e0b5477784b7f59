import { fireEvent, screen, within } from "@testing-library/react";
import { formatDateTime } from "@/lib/format/date";
import {
  chooseSystem,
  clickBack,
  clickNext,
  currentStep,
  passGeneralAndTime,
  renderWizard,
  TWO_GROUPS,
  type,
} from "./wizard-helpers";

// Server actions cannot run in jsdom; these tests never submit.
jest.mock("@/lib/actions/connectors", () => ({ createConnectorAction: jest.fn() }));

const visible = (role: string) => screen.getAllByRole(role).map((el) => el.getAttribute("value"));

describe("Add connector wizard: steps", () => {
  it("finds a system by name or category search and prefills the name", () => {
    renderWizard();
    expect(currentStep()).toMatch(/System, step 1 of 4/);
    type("Search systems", "warehouse");
    expect(visible("radio")).toEqual(expect.arrayContaining(["veeqo", "peoplevox"]));
    expect(visible("radio")).not.toContain("shopify");
    expect(screen.getByRole("group", { name: "Warehouse and fulfilment" })).toBeInTheDocument();
    chooseSystem("veeq", /^Veeqo/);
    expect(currentStep()).toMatch(/General/);
    expect(screen.getByRole("heading", { name: "General" })).toBeVisible();
    expect(screen.getByLabelText("Name")).toHaveValue("Veeqo live");
    fireEvent.click(screen.getByRole("radio", { name: /Test/ }));
    expect(screen.getByLabelText("Name")).toHaveValue("Veeqo test");
  });

  it("lets the keyboard pick: Enter in the search chooses the only match, Enter in a field moves on", () => {
    renderWizard();
    type("Search systems", "veeqo");
    fireEvent.keyDown(screen.getByLabelText("Search systems"), { key: "Enter" });
    expect(screen.getByRole("radio", { name: /^Veeqo/ })).toBeChecked();
    fireEvent.submit(screen.getByRole("form", { name: "Add a connector" }));
    expect(currentStep()).toMatch(/General/);
    expect(screen.getByRole("heading", { name: "General" })).toHaveFocus();
  });

  it("asks for a system before moving on, and says when nothing matches", () => {
    renderWizard();
    type("Search systems", "zzz");
    expect(screen.getByText('No system matches "zzz".')).toBeInTheDocument();
    clickNext();
    expect(screen.getByText("Choose a system.")).toBeInTheDocument();
    expect(currentStep()).toMatch(/System/);
  });

  it("keeps every value when going back and forward again", () => {
    renderWizard({ groups: TWO_GROUPS });
    chooseSystem("sandbox", /^Patchbay Sandbox/);
    type("Name", "My sandbox");
    fireEvent.change(screen.getByLabelText("Company group"), { target: { value: TWO_GROUPS[1].id } });
    clickNext();
    type("Search time zones", "tokyo");
    fireEvent.click(screen.getByRole("radio", { name: "Asia/Tokyo" }));
    clickNext();
    type("Sandbox API key", "sbx_typed_secret_1");
    clickBack();
    clickBack();
    expect(currentStep()).toMatch(/General/);
    expect(screen.getByLabelText("Name")).toHaveValue("My sandbox");
    expect(screen.getByLabelText("Company group")).toHaveValue(TWO_GROUPS[1].id);
    // Forward again through the step indicator, then with Next.
    fireEvent.click(
      within(screen.getByRole("navigation", { name: "Wizard steps" })).getByRole("button", { name: /Time zone/ }),
    );
    expect(screen.getByRole("radio", { name: "Asia/Tokyo" })).toBeChecked();
    clickNext();
    expect(screen.getByLabelText("Sandbox API key")).toHaveValue("sbx_typed_secret_1");
  });

  it("shows the authentication type step only for systems with several", () => {
    renderWizard();
    chooseSystem("shopify", /^Shopify/);
    expect(screen.getByRole("navigation", { name: "Wizard steps" })).toHaveTextContent("Authentication");
    passGeneralAndTime();
    expect(screen.getByRole("heading", { name: "Authentication type" })).toBeVisible();
    fireEvent.click(screen.getByRole("radio", { name: /Private app \(legacy\)/ }));
    clickNext();
    expect(screen.getByLabelText("API key")).toHaveAttribute("type", "password");
    expect(screen.getByLabelText("Shared secret (optional)")).toBeInTheDocument();
    expect(screen.queryByLabelText("Admin API access token")).not.toBeInTheDocument();

    clickBack();
    clickBack();
    clickBack();
    clickBack();
    chooseSystem("sftp", /^Patchworks SFTP/);
    passGeneralAndTime();
    expect(screen.getByRole("radio", { name: /SSH key/ })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: /Username and password/ })).toBeInTheDocument();

    clickBack();
    clickBack();
    clickBack();
    chooseSystem("veeqo", /^Veeqo/);
    expect(screen.getByRole("navigation", { name: "Wizard steps" })).not.toHaveTextContent("Authentication");
    passGeneralAndTime();
    expect(screen.getByRole("heading", { name: "Veeqo credentials" })).toBeVisible();
  });

  it("defaults to the browser's time zone, searches zones and previews now in the chosen format", () => {
    jest.useFakeTimers({
      now: new Date("2026-07-01T12:00:00Z"),
      doNotFake: [
        "setTimeout",
        "setInterval",
        "clearTimeout",
        "clearInterval",
        "queueMicrotask",
        "nextTick",
        "setImmediate",
      ],
    });
    try {
      renderWizard({ initialSystemId: "veeqo" });
      expect(currentStep()).toMatch(/General/);
      clickNext();
      const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      expect(document.getElementById("wizard-zone-selected")).toHaveTextContent(`Selected: ${browserZone}`);
      type("Search time zones", "new york");
      expect(screen.getAllByRole("radio", { name: /New York/ })).toHaveLength(1);
      fireEvent.click(screen.getByRole("radio", { name: "America/New York" }));
      expect(screen.getByTestId("date-preview")).toHaveTextContent("Now in America/New_York: 01/07/2026 08:00 EDT");
      fireEvent.click(screen.getByRole("radio", { name: /2026-07-01 08:00 EDT/ }));
      expect(screen.getByTestId("date-preview")).toHaveTextContent("2026-07-01 08:00 EDT");
      expect(formatDateTime(new Date(), "America/New_York", "yyyy-MM-dd HH:mm")).toBe("2026-07-01 08:00 EDT");
      type("Search time zones", "nowhere-at-all");
      expect(screen.getByText(/No time zone matches/)).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });
});
