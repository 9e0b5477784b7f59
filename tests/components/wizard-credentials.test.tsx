import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import type { FormState } from "@/lib/form-state";
import { chooseSystem, clickNext, currentStep, passGeneralAndTime, renderWizard, TWO_GROUPS, type } from "./wizard-helpers";

// Server actions cannot run in jsdom: the action is a mock returning the FormState each test chooses.
const createConnectorAction = jest.fn<Promise<FormState>, [FormState, FormData]>();
jest.mock("@/lib/actions/connectors", () => ({ createConnectorAction: (prev: FormState, data: FormData) => createConnectorAction(prev, data) }));

const submit = () => fireEvent.click(screen.getByRole("button", { name: /Check and save/ }));
const sent = () => Object.fromEntries(createConnectorAction.mock.calls.at(-1)![1].entries());

beforeEach(() => createConnectorAction.mockReset());

describe("Add connector wizard: credentials", () => {
  it("renders each system's fields from the catalogue, secrets as password inputs", () => {
    renderWizard();
    chooseSystem("sftp", /^Patchworks SFTP/);
    passGeneralAndTime();
    fireEvent.click(screen.getByRole("radio", { name: /SSH key/ }));
    clickNext();
    expect(screen.getByLabelText("Host")).toHaveAttribute("placeholder", "sftp.example.com");
    expect(screen.getByLabelText("Host")).toHaveAccessibleDescription(expect.stringContaining("The SFTP server's host name"));
    expect(screen.getByLabelText("Port (optional)")).toHaveValue("22");
    expect(screen.getByLabelText("Private key").tagName).toBe("TEXTAREA");
    expect(screen.getByLabelText("Key passphrase (optional)")).toHaveAttribute("type", "password");
    expect(screen.getByLabelText("Username")).toHaveAttribute("type", "text");
  });

  it("shows the field's own required and pattern messages before submitting, then sends every step's values", async () => {
    createConnectorAction.mockResolvedValue({ ok: false, message: "Stop here." });
    renderWizard({ groups: TWO_GROUPS });
    chooseSystem("sandbox", /^Patchbay Sandbox/);
    fireEvent.change(screen.getByLabelText("Company group"), { target: { value: TWO_GROUPS[1].id } });
    fireEvent.click(screen.getByRole("radio", { name: /Test/ }));
    passGeneralAndTime();
    submit();
    expect(screen.getByLabelText("Sandbox API key")).toHaveAccessibleDescription(expect.stringContaining("Sandbox API key is required."));
    type("Sandbox API key", "abc");
    expect(screen.getByLabelText("Sandbox API key")).not.toHaveAttribute("aria-invalid");
    submit();
    expect(screen.getByText("Use sbx_ followed by at least 8 letters, digits or underscores.")).toBeInTheDocument();
    expect(screen.getByLabelText("Sandbox API key")).toHaveAttribute("aria-invalid", "true");
    expect(createConnectorAction).not.toHaveBeenCalled();

    type("Sandbox API key", "sbx_demo_new_12345678");
    submit();
    await waitFor(() => expect(createConnectorAction).toHaveBeenCalledTimes(1));
    expect(sent()).toMatchObject({
      systemId: "sandbox",
      name: "Patchbay Sandbox test",
      companyGroupId: TWO_GROUPS[1].id,
      environment: "test",
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      dateFormat: "dd/MM/yyyy HH:mm",
      authType: "api-key",
      "credentials.apiKey": "sbx_demo_new_12345678",
    });
    expect(sent()).not.toHaveProperty("saveOffline");
  });

  it("renders a refused save: message, check reason and hint, link, field errors, and keeps the typed secret", async () => {
    createConnectorAction.mockResolvedValue({
      ok: false,
      message: "Not saved: the system could not be reached. The request timed out.",
      fieldErrors: { "credentials.apiKey": ["Veeqo did not accept this key."], saveOffline: ["If the system is offline right now, tick this box to save anyway."] },
      check: { status: "unreachable", reason: "timeout", message: "The request timed out.", hint: "Check that the system is up." },
      link: { href: "/connectors/abc", label: 'Open "Veeqo live"' },
      values: { systemId: "veeqo", name: "Veeqo live" },
    });
    renderWizard();
    chooseSystem("veeqo", /^Veeqo/);
    passGeneralAndTime();
    type("API key", "wrong-key-123");
    submit();
    expect(await screen.findByText(/Not saved: the system could not be reached/)).toBeInTheDocument();
    expect(screen.getByTestId("check-panel")).toHaveTextContent("System Unreachable");
    expect(screen.getByTestId("check-panel")).toHaveTextContent("timeout");
    expect(screen.getByTestId("check-panel")).toHaveTextContent("What to check: Check that the system is up.");
    expect(screen.getByRole("link", { name: 'Open "Veeqo live"' })).toHaveAttribute("href", "/connectors/abc");
    expect(screen.getByLabelText("API key")).toHaveAccessibleDescription(expect.stringContaining("Veeqo did not accept this key."));
    expect(screen.getByLabelText("API key")).toHaveValue("wrong-key-123");
    const offline = screen.getByLabelText("The system is offline; save anyway");
    expect(offline).toHaveAccessibleDescription(expect.stringContaining("tick this box to save anyway"));

    createConnectorAction.mockResolvedValue({ ok: false, message: "Again." });
    fireEvent.click(offline);
    submit();
    await waitFor(() => expect(createConnectorAction).toHaveBeenCalledTimes(2));
    expect(sent()).toMatchObject({ saveOffline: "on", "credentials.apiKey": "wrong-key-123" });
  });

  it("jumps back to the step that holds the first server error", async () => {
    createConnectorAction.mockResolvedValue({ ok: false, message: "Please correct the fields marked below.", fieldErrors: { name: ["A connector called Veeqo live already exists."] } });
    renderWizard();
    chooseSystem("veeqo", /^Veeqo/);
    passGeneralAndTime();
    type("API key", "some-key");
    await act(() => Promise.resolve(submit()));
    await waitFor(() => expect(currentStep()).toMatch(/General/));
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription(expect.stringContaining("already exists"));
    expect(screen.getByLabelText("Name")).toHaveFocus();
    expect(screen.getByRole("status")).toHaveTextContent("Please correct the fields marked below.");
  });

  it("disables the buttons and says the connection is being checked while the save runs", async () => {
    createConnectorAction.mockReturnValue(new Promise(() => {}));
    renderWizard({ initialSystemId: "veeqo" });
    passGeneralAndTime();
    type("API key", "some-key");
    submit();
    expect(await screen.findByRole("button", { name: "Checking the connection…" })).toBeDisabled();
    expect(screen.getByRole("button", { name: /Back/ })).toBeDisabled();
    expect(screen.getByText(/Checking the connection to Veeqo; this can take up to 10 seconds/)).toBeInTheDocument();
  });

  it("asks for a company group only when the organisation has several", () => {
    renderWizard({ initialSystemId: "veeqo", initialEnvironment: "test" });
    expect(screen.queryByLabelText("Company group")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toHaveValue("Veeqo test");
  });
});
