import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { FormState } from "@/lib/form-state";

// Server actions cannot run in jsdom: they are mocks here, their real behaviour is covered by the integration tests.
const createServiceAction = jest.fn<Promise<FormState>, [FormState, FormData]>();
const updateServiceAction = jest.fn<Promise<FormState>, [FormState, FormData]>();
const setServiceActiveAction = jest.fn<Promise<FormState>, [FormState, FormData]>();
const deleteServiceAction = jest.fn<Promise<FormState>, [FormState, FormData]>();
jest.mock("@/lib/actions/services", () => ({
  createServiceAction: (p: FormState, d: FormData) => createServiceAction(p, d),
  updateServiceAction: (p: FormState, d: FormData) => updateServiceAction(p, d),
  setServiceActiveAction: (p: FormState, d: FormData) => setServiceActiveAction(p, d),
  deleteServiceAction: (p: FormState, d: FormData) => deleteServiceAction(p, d),
}));

import { ActiveToggle } from "@/components/services/active-toggle";
import { DeleteService } from "@/components/services/delete-service";
import { ServiceForm, type ConnectorChoice } from "@/components/services/service-form";

const CONNECTORS: ConnectorChoice[] = [
  { id: "shop", name: "Shop", systemName: "Shopify", environment: "live" },
  { id: "erp", name: "ERP", systemName: "NetSuite", environment: "live" },
  { id: "erp-test", name: "ERP sandbox", systemName: "NetSuite", environment: "test" },
];

beforeEach(() => jest.clearAllMocks());

describe("ServiceForm", () => {
  it("offers only same-environment destinations other than the source", () => {
    render(<ServiceForm connectors={CONNECTORS} />);
    fireEvent.change(screen.getByLabelText("Source (pull from)"), { target: { value: "shop" } });
    const destination = screen.getByLabelText("Destination (push to)");
    const opts = Array.from(destination.querySelectorAll("option")).map((o) => [o.value, o.disabled]);
    expect(opts).toEqual([
      ["", false],
      ["shop", true],
      ["erp", false],
      ["erp-test", true],
    ]);
    expect(screen.getByText("Same environment as the source: live.")).toBeInTheDocument();
  });

  it("sends the fields, then shows field errors tied to their inputs and keeps what was typed", async () => {
    createServiceAction.mockResolvedValue({
      ok: false,
      message: "That name is taken.",
      fieldErrors: { name: ["Another service already has this name."] },
      values: { name: "Orders", sourceConnectorId: "shop", destinationConnectorId: "erp" },
    });
    render(<ServiceForm connectors={CONNECTORS} />);
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Orders" } });
    fireEvent.change(screen.getByLabelText("Source (pull from)"), { target: { value: "shop" } });
    fireEvent.change(screen.getByLabelText("Destination (push to)"), { target: { value: "erp" } });
    fireEvent.click(screen.getByRole("button", { name: "Add service" }));
    expect(await screen.findByText("That name is taken.")).toBeInTheDocument();
    const sent = createServiceAction.mock.calls[0][1];
    expect([sent.get("name"), sent.get("sourceConnectorId"), sent.get("destinationConnectorId")]).toEqual([
      "Orders",
      "shop",
      "erp",
    ]);
    const name = screen.getByLabelText("Name");
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(document.getElementById(name.getAttribute("aria-describedby")!.split(" ").at(-1)!)).toHaveTextContent(
      "Another service already has this name.",
    );
    expect(name).toHaveValue("Orders");
    expect(screen.getByLabelText("Source (pull from)")).toHaveValue("shop");
  });

  it("clears after a successful create", async () => {
    createServiceAction.mockResolvedValue({ ok: true, message: 'Created the service "Orders".' });
    render(<ServiceForm connectors={CONNECTORS} />);
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Orders" } });
    fireEvent.click(screen.getByRole("button", { name: "Add service" }));
    expect(await screen.findByText('Created the service "Orders".')).toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toHaveValue("");
  });

  it("edits with the service id and its current values", async () => {
    updateServiceAction.mockResolvedValue({ ok: true, message: "Nothing changed." });
    render(
      <ServiceForm
        connectors={CONNECTORS}
        initial={{ serviceId: "svc-1", name: "Orders", sourceConnectorId: "shop", destinationConnectorId: "erp" }}
        onDone={() => undefined}
      />,
    );
    expect(screen.getByLabelText("Name")).toHaveValue("Orders");
    fireEvent.click(screen.getByRole("button", { name: "Save service" }));
    await screen.findByText("Nothing changed.");
    expect(updateServiceAction.mock.calls[0][1].get("serviceId")).toBe("svc-1");
    expect(updateServiceAction.mock.calls[0][1].get("destinationConnectorId")).toBe("erp");
  });
});

describe("ActiveToggle", () => {
  it("asks for the opposite state and is disabled while saving", async () => {
    let finish: (s: FormState) => void = () => undefined;
    setServiceActiveAction.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    render(<ActiveToggle serviceId="svc-1" name="Orders" active />);
    const toggle = screen.getByRole("switch", { name: "Orders active" });
    expect(toggle).toHaveAttribute("aria-checked", "true");
    fireEvent.click(toggle);
    await waitFor(() => expect(screen.getByRole("switch")).toHaveAttribute("aria-disabled", "true"));
    expect(screen.getByRole("switch")).not.toBeDisabled(); // keeps keyboard focus while saving
    expect(setServiceActiveAction.mock.calls[0][1].get("active")).toBe("false");
    finish({ ok: false, message: "That service was not found." });
    expect(await screen.findByText("That service was not found.")).toBeInTheDocument();
  });
});

describe("DeleteService", () => {
  it("deletes only after a second, explicit confirmation", async () => {
    deleteServiceAction.mockResolvedValue({ ok: true, message: "Deleted." });
    render(<DeleteService serviceId="svc-1" name="Orders" />);
    fireEvent.click(screen.getByRole("button", { name: "Delete…" }));
    expect(screen.getByRole("alertdialog", { name: "Delete Orders" })).toHaveTextContent(
      "sync history is deleted with it",
    );
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(deleteServiceAction).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Delete…" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete service" }));
    await waitFor(() => expect(deleteServiceAction).toHaveBeenCalledTimes(1));
    expect(deleteServiceAction.mock.calls[0][1].get("serviceId")).toBe("svc-1");
  });
});
