import { fireEvent, render, screen, waitFor } from "@testing-library/react";

// The form's collaborators are next-auth's browser client and Next's router; the server side is covered by the
// integration tests of authenticate() and the browser tests.
const signIn = jest.fn<Promise<unknown>, unknown[]>();
const replace = jest.fn();
jest.mock("next-auth/react", () => ({ signIn: (...args: unknown[]) => signIn(...args) }));
jest.mock("next/navigation", () => ({ useRouter: () => ({ replace, refresh: jest.fn() }) }));

import { LoginForm } from "@/components/auth/login-form";

function submit(email: string, password: string) {
  fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

beforeEach(() => {
  signIn.mockReset();
  replace.mockReset();
});

describe("LoginForm", () => {
  it("shows the server's message (throttling) and stays on the page", async () => {
    signIn.mockResolvedValue({ ok: false, error: "Too many failed sign-ins. Try again in 12 minutes." });
    render(<LoginForm />);
    submit("a@b.co", "nope");
    expect(await screen.findByRole("alert")).toHaveTextContent("Try again in 12 minutes.");
    expect(replace).not.toHaveBeenCalled();
    expect(signIn).toHaveBeenCalledWith("credentials", { email: "a@b.co", password: "nope", redirect: false });
  });

  it("shows the generic message for next-auth's own error code", async () => {
    signIn.mockResolvedValue({ ok: false, error: "CredentialsSignin" });
    render(<LoginForm />);
    submit("a@b.co", "nope");
    expect(await screen.findByRole("alert")).toHaveTextContent("E-mail or password is incorrect.");
  });

  it.each([
    "//evil.example/steal",
    "/\\evil.example/steal",
    "/%5Cevil.example",
    "/\t/evil.example",
    "https://evil.example",
  ])("never goes off-site after signing in (callbackUrl %s)", async (callbackUrl) => {
    signIn.mockResolvedValue({ ok: true, error: null });
    render(<LoginForm callbackUrl={callbackUrl} />);
    submit("a@b.co", "right");
    await waitFor(() => expect(replace).toHaveBeenCalledWith("/connectors"));
  });

  it("goes to the requested page of this app after signing in", async () => {
    signIn.mockResolvedValue({ ok: true, error: null });
    render(<LoginForm callbackUrl="/settings/users?x=1" />);
    submit("a@b.co", "right");
    await waitFor(() => expect(replace).toHaveBeenCalledWith("/settings/users?x=1"));
  });
});
