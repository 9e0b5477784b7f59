import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { FormState } from "@/lib/form-state";

// Server actions cannot run in jsdom: the action is a mock, its real behaviour is covered by the integration tests.
const checkNowAction = jest.fn<Promise<FormState>, [FormState, FormData]>();
jest.mock("@/lib/actions/connectors", () => ({
  checkNowAction: (prev: FormState, data: FormData) => checkNowAction(prev, data),
}));

import { CheckNowButton } from "@/components/connectors/summary/check-now-button";

beforeEach(() => checkNowAction.mockReset());

describe("CheckNowButton", () => {
  it("sends the connector id and announces the result", async () => {
    checkNowAction.mockResolvedValue({ ok: true, message: "Checked: Connected and authenticated." });
    render(<CheckNowButton connectorId="c-1" />);
    fireEvent.click(screen.getByRole("button", { name: "Check now" }));
    expect(await screen.findByText("Checked: Connected and authenticated.")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Checked: Connected and authenticated.");
    expect(checkNowAction.mock.calls[0][1].get("connectorId")).toBe("c-1");
  });

  it("shows the throttling message and field errors as errors", async () => {
    checkNowAction.mockResolvedValue({
      ok: false,
      message: "This connector was checked in the last 10 seconds. Try again in a moment.",
      fieldErrors: { connectorId: ["Invalid id"] },
    });
    render(<CheckNowButton connectorId="c-1" />);
    fireEvent.click(screen.getByRole("button", { name: "Check now" }));
    const status = await screen.findByRole("status");
    await waitFor(() => expect(status).toHaveTextContent("checked in the last 10 seconds"));
    expect(status).toHaveTextContent("Invalid id");
    expect(screen.getByText(/last 10 seconds/)).toHaveClass("text-red-700");
  });

  it("disables the button while the check runs", async () => {
    let finish: (s: FormState) => void = () => undefined;
    checkNowAction.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    render(<CheckNowButton connectorId="c-1" />);
    fireEvent.click(screen.getByRole("button", { name: "Check now" }));
    expect(await screen.findByRole("button", { name: "Checking…" })).toBeDisabled();
    finish({ ok: true, message: "Checked: ok" });
    expect(await screen.findByRole("button", { name: "Check now" })).toBeEnabled();
  });
});
