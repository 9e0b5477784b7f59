import { fireEvent, render, screen } from "@testing-library/react";
import type { FormState } from "@/lib/form-state";

// The server action is covered by the sign-up integration tests; here it answers what they prove it answers.
const signUpAction = jest.fn<Promise<FormState>, [FormState, FormData]>();
jest.mock("@/lib/actions/sign-up", () => ({
  signUpAction: (prev: FormState, data: FormData) => signUpAction(prev, data),
}));

import { SignupForm } from "@/components/auth/signup-form";

function submit(fields: Record<string, string>) {
  for (const [label, value] of Object.entries(fields))
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  fireEvent.click(screen.getByRole("button", { name: "Create organisation" }));
}

const FIELDS = {
  "Organisation name": "Acme",
  "Your name": "Jo",
  "Work e-mail": "jo@acme.test",
  Password: "long enough pw",
};

beforeEach(() => signUpAction.mockReset());

describe("SignupForm", () => {
  it("replaces the form with the server's 'check your inbox' answer, and signs nobody in", async () => {
    const message =
      "Check your inbox: we sent a link to jo@acme.test to finish creating Acme. The link works for 24 hours.";
    signUpAction.mockResolvedValue({ ok: true, message, values: { email: "jo@acme.test", organisationName: "Acme" } });
    render(<SignupForm />);
    submit(FIELDS);
    expect(await screen.findByText(message)).toHaveAttribute("role", "status");
    expect(screen.queryByLabelText("Password")).toBeNull();
    expect(screen.queryByRole("button", { name: "Create organisation" })).toBeNull();
    const sent = signUpAction.mock.calls[0][1];
    expect(Object.fromEntries(sent)).toEqual({
      organisationName: "Acme",
      name: "Jo",
      email: "jo@acme.test",
      password: "long enough pw",
    });
  });

  it("keeps the form, with the field messages and what was typed (but the password), when the server refuses", async () => {
    signUpAction.mockResolvedValue({
      ok: false,
      message: "Please correct the fields marked below.",
      fieldErrors: { password: ["Use at least 10 characters."] },
      values: { organisationName: "Acme", name: "Jo", email: "jo@acme.test" },
    });
    render(<SignupForm />);
    submit({ ...FIELDS, Password: "short" });
    expect(await screen.findByText("Use at least 10 characters.")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Please correct the fields marked below.");
    expect(screen.getByLabelText("Work e-mail")).toHaveValue("jo@acme.test");
    expect(screen.getByLabelText("Password")).toHaveValue("");
  });
});
