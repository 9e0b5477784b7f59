import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useActionState } from "react";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import { type FormState, initialFormState } from "@/lib/form-state";

const remove = jest.fn<Promise<FormState>, [FormState, FormData]>();

function DeleteThing({ field = false }: { field?: boolean }) {
  const [state, action] = useActionState((p: FormState, d: FormData) => remove(p, d), initialFormState);
  return (
    <>
      <button type="button">Before</button>
      <ConfirmInline
        trigger="Delete…"
        label="Delete Orders"
        title="Delete “Orders”?"
        confirm="Delete service"
        action={action}
        state={state}
      >
        <input type="hidden" name="id" value="svc-1" />
        <p>Its history goes with it.</p>
        {field ? <input aria-label="Type the name" name="confirmName" /> : null}
      </ConfirmInline>
    </>
  );
}

beforeEach(() => jest.clearAllMocks());

describe("ConfirmInline", () => {
  it("moves focus into the confirmation when it opens (its question, when it asks for nothing)", () => {
    render(<DeleteThing />);
    const opener = screen.getByRole("button", { name: "Delete…" });
    expect(opener).toHaveAttribute("aria-expanded", "false");
    fireEvent.click(opener);
    const dialog = screen.getByRole("alertdialog", { name: "Delete Orders" });
    expect(opener).toHaveAttribute("aria-expanded", "true");
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    expect(document.activeElement).toHaveTextContent("Delete “Orders”?");
    expect(dialog).toHaveAccessibleDescription("Delete “Orders”?");
  });

  it("focuses the field a confirmation asks for", () => {
    render(<DeleteThing field />);
    fireEvent.click(screen.getByRole("button", { name: "Delete…" }));
    expect(document.activeElement).toBe(screen.getByLabelText("Type the name"));
  });

  it("closes on Escape and on Cancel, returning focus to the button that opened it, and deletes nothing", () => {
    render(<DeleteThing field />);
    const opener = screen.getByRole("button", { name: "Delete…" });
    fireEvent.click(opener);
    fireEvent.keyDown(screen.getByLabelText("Type the name"), { key: "Escape" });
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(document.activeElement).toBe(opener);
    expect(opener).toHaveAttribute("aria-expanded", "false");

    fireEvent.click(opener);
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(document.activeElement).toBe(opener);
    expect(remove).not.toHaveBeenCalled();
  });

  it("keeps a refusal in the confirmation, and on success closes it, announces the result and refocuses the button", async () => {
    remove.mockResolvedValueOnce({ ok: false, message: "Services still use it." });
    render(<DeleteThing />);
    const opener = screen.getByRole("button", { name: "Delete…" });
    fireEvent.click(opener);
    fireEvent.click(screen.getByRole("button", { name: "Delete service" }));
    const dialog = screen.getByRole("alertdialog");
    await waitFor(() => expect(dialog).toHaveTextContent("Services still use it."));
    expect(remove.mock.calls[0][1].get("id")).toBe("svc-1");

    remove.mockResolvedValueOnce({ ok: true, message: "Deleted “Orders”." });
    fireEvent.click(screen.getByRole("button", { name: "Delete service" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(screen.getByRole("status")).toHaveTextContent("Deleted “Orders”.");
    expect(document.activeElement).toBe(opener);
  });
});
