import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { FormState } from "@/lib/form-state";

// Server actions cannot run in jsdom: the action is a mock; the save rule itself is covered by integration tests.
const updateCredentialsAction = jest.fn<Promise<FormState>, [FormState, FormData]>();
jest.mock("@/lib/actions/connectors", () => ({
  updateCredentialsAction: (prev: FormState, data: FormData) => updateCredentialsAction(prev, data),
}));

import { CredentialsPanel } from "@/components/connectors/settings/credentials-panel";
import { toCatalogueSystem } from "@/lib/connectors/catalogue";
import { getSystem } from "@/lib/systems";

const shopify = toCatalogueSystem(getSystem("shopify")!);
const renderPanel = () =>
  render(
    <CredentialsPanel
      connectorId="c-1"
      system={shopify}
      authType="token"
      values={{ store: "demo-retail-uk" }}
      masks={{ accessToken: "••••9a8b" }}
    />,
  );

beforeEach(() => updateCredentialsAction.mockReset());

describe("CredentialsPanel", () => {
  it("shows non-secret values, and secrets only as an empty field with the mask of their last 4 characters", () => {
    renderPanel();
    expect(screen.getByLabelText("Store")).toHaveValue("demo-retail-uk");
    const token = screen.getByLabelText("Admin API access token");
    expect(token).toHaveAttribute("type", "password");
    expect(token).toHaveValue("");
    expect(token).toHaveAttribute("placeholder", "••••9a8b (leave blank to keep)");
  });

  it("switching the authentication type asks for that type's fields, with no mask to keep", () => {
    renderPanel();
    fireEvent.change(screen.getByLabelText("Authentication type"), { target: { value: "legacy" } });
    expect(screen.getByText(/enter every field of this type/)).toBeInTheDocument();
    for (const label of ["API key", "Password", "Shared secret"]) {
      const input = screen.getByLabelText(label, { exact: false });
      expect(input).toHaveValue("");
      expect(input.getAttribute("placeholder") ?? "").not.toContain("••••");
    }
  });

  it("sends a blank secret (keep) and renders the check's refusal and field errors", async () => {
    updateCredentialsAction.mockResolvedValue({
      ok: false,
      message: "Not saved: authentication failed. Shopify refused the access token.",
      fieldErrors: { "credentials.store": ["Use the shop name, e.g. my-shop."] },
      check: {
        status: "auth_failed",
        reason: "invalid_credentials",
        message: "Shopify refused the access token.",
        hint: "Reinstall the app to get a new token.",
      },
    });
    renderPanel();
    fireEvent.click(screen.getByRole("button", { name: "Save and check credentials" }));
    expect(await screen.findByText("Use the shop name, e.g. my-shop.")).toBeInTheDocument();
    expect(screen.getByTestId("check-outcome")).toHaveTextContent("Failed Authentication");
    expect(screen.getByTestId("check-outcome")).toHaveTextContent(
      "What to check: Reinstall the app to get a new token.",
    );
    expect(screen.getByLabelText("Store")).toHaveAttribute("aria-invalid", "true");
    const sent = updateCredentialsAction.mock.calls[0][1];
    expect(sent.get("credentials.accessToken")).toBe("");
    expect(sent.get("authType")).toBe("token");
    expect(sent.get("connectorId")).toBe("c-1");
  });

  it("forgets a typed secret once the save succeeds, and keeps the other fields", async () => {
    updateCredentialsAction.mockResolvedValue({ ok: true, message: "Credentials saved." });
    renderPanel();
    fireEvent.change(screen.getByLabelText("Admin API access token"), { target: { value: "shpat_new_token_1234" } });
    fireEvent.click(screen.getByRole("button", { name: "Save and check credentials" }));
    expect(await screen.findByText("Credentials saved.")).toBeInTheDocument();
    expect(updateCredentialsAction.mock.calls[0][1].get("credentials.accessToken")).toBe("shpat_new_token_1234");
    await waitFor(() => expect(screen.getByLabelText("Admin API access token")).toHaveValue(""));
    expect(screen.getByLabelText("Store")).toHaveValue("demo-retail-uk");
  });
});
