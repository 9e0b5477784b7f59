import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { FormState } from "@/lib/form-state";

// Server actions cannot run in jsdom: a mock here; the real one is covered by the integration tests.
const forgotPasswordAction = jest.fn<Promise<FormState>, [FormState, FormData]>();
jest.mock("@/lib/actions/account-links", () => ({
  forgotPasswordAction: (p: FormState, d: FormData) => forgotPasswordAction(p, d),
}));

import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

describe("ForgotPasswordForm", () => {
  it("replaces the form by the answer and moves focus to it (not <body>)", async () => {
    forgotPasswordAction.mockResolvedValueOnce({
      ok: true,
      message: "If an account uses that address, we have e-mailed it a link to choose a new password.",
    });
    render(<ForgotPasswordForm />);
    fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: "user@demo.patchbay.test" } });
    fireEvent.click(screen.getByRole("button", { name: "Send me a link" }));
    const answer = await screen.findByText(/we have e-mailed it a link/);
    expect(forgotPasswordAction.mock.calls[0][1].get("email")).toBe("user@demo.patchbay.test");
    expect(screen.queryByRole("button", { name: "Send me a link" })).not.toBeInTheDocument();
    await waitFor(() => expect(document.activeElement).toBe(answer));
    expect(answer).toHaveAttribute("role", "status");
  });
});
