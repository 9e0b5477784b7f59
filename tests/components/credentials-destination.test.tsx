import { fireEvent, render, screen } from "@testing-library/react";
import type { FormState } from "@/lib/form-state";

// Server actions cannot run in jsdom: the action is a mock; the server's own refusal is covered by integration tests.
const updateCredentialsAction = jest.fn<Promise<FormState>, [FormState, FormData]>();
jest.mock("@/lib/actions/connectors", () => ({
  updateCredentialsAction: (prev: FormState, data: FormData) => updateCredentialsAction(prev, data),
}));

import { CredentialsPanel } from "@/components/connectors/settings/credentials-panel";
import { Timeline } from "@/components/connectors/summary/status-history";
import { toCatalogueSystem } from "@/lib/connectors/catalogue";
import { getSystem } from "@/lib/systems";

const RETYPE_TOKEN =
  "Type the Access token again: the Store URL changed, so the stored value will not be sent to the new address.";

function renderMagento() {
  render(
    <CredentialsPanel
      connectorId="c-1"
      system={toCatalogueSystem(getSystem("magento2")!)}
      authType="token"
      values={{ baseUrl: "https://shop.example.com" }}
      masks={{ accessToken: "••••9a8b" }}
    />,
  );
  return { baseUrl: screen.getByLabelText("Store URL"), token: screen.getByLabelText("Access token") };
}

beforeEach(() => updateCredentialsAction.mockReset());

describe("CredentialsPanel: a changed destination asks for the secrets again", () => {
  it("says nothing while the destination is unchanged, and the secret may be left blank", () => {
    const { baseUrl, token } = renderMagento();
    expect(screen.queryByText(RETYPE_TOKEN)).not.toBeInTheDocument();
    expect(token).not.toHaveAttribute("aria-required");
    expect(token).toHaveAttribute("placeholder", "••••9a8b (leave blank to keep)");
    // Padding and the same value are not a change.
    fireEvent.change(baseUrl, { target: { value: "  https://shop.example.com " } });
    expect(screen.queryByText(RETYPE_TOKEN)).not.toBeInTheDocument();
  });

  it("warns beside the secret and the changed field, marks the secret required, and ties both for screen readers", () => {
    const { baseUrl, token } = renderMagento();
    fireEvent.change(baseUrl, { target: { value: "https://attacker.example.net" } });
    expect(token).toHaveAttribute("aria-required", "true");
    expect(token).toHaveAccessibleDescription(expect.stringContaining(RETYPE_TOKEN));
    expect(token.getAttribute("placeholder") ?? "").not.toContain("leave blank");
    expect(baseUrl).toHaveAccessibleDescription(
      expect.stringContaining("Changed: type the Access token again before saving."),
    );
    // Changing it back withdraws the warning.
    fireEvent.change(baseUrl, { target: { value: "https://shop.example.com" } });
    expect(token).not.toHaveAttribute("aria-required");
    expect(token).not.toHaveAccessibleDescription(expect.stringContaining("Type the"));
  });

  it("asks for every stored secret of the type, optional ones included, in text areas too", () => {
    render(
      <CredentialsPanel
        connectorId="c-2"
        system={toCatalogueSystem(getSystem("sftp")!)}
        authType="ssh-key"
        values={{ host: "sftp.example.com", port: "22", username: "acme", hostFingerprint: "" }}
        masks={{ privateKey: "••••-----", passphrase: "••••word" }}
      />,
    );
    fireEvent.change(screen.getByLabelText("Port (optional)"), { target: { value: "2222" } });
    const key = screen.getByLabelText("Private key");
    const passphrase = screen.getByLabelText("Key passphrase"); // no longer "(optional)": it is stored, so it must be typed again
    for (const [input, label] of [
      [key, "Private key"],
      [passphrase, "Key passphrase"],
    ] as const) {
      expect(input).toHaveAttribute("aria-required", "true");
      expect(input).toHaveAccessibleDescription(expect.stringContaining(`Type the ${label} again: the Port changed`));
    }
  });

  it("does not ask when a field that cannot steer the credentials changes (the SFTP root folder)", () => {
    render(
      <CredentialsPanel
        connectorId="c-3"
        system={toCatalogueSystem(getSystem("sftp")!)}
        authType="password"
        values={{ host: "sftp.example.com", port: "22", username: "acme", root: "/" }}
        masks={{ password: "••••word" }}
      />,
    );
    fireEvent.change(screen.getByLabelText("Root folder (optional)"), { target: { value: "/outbound" } });
    expect(screen.getByLabelText("Password")).not.toHaveAttribute("aria-required");
    fireEvent.change(screen.getByLabelText("Username"), { target: { value: "someone-else" } });
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription(
      expect.stringContaining("Type the Password again: the Username changed"),
    );
  });

  it("shows the server's refusal on the secret field", async () => {
    updateCredentialsAction.mockResolvedValue({
      ok: false,
      message: "Not saved: the Store URL changed, so type the Access token again.",
      fieldErrors: { "credentials.accessToken": [RETYPE_TOKEN] },
    });
    const { baseUrl, token } = renderMagento();
    fireEvent.change(baseUrl, { target: { value: "https://attacker.example.net" } });
    fireEvent.click(screen.getByRole("button", { name: "Save and check credentials" }));
    expect(
      await screen.findByText("Not saved: the Store URL changed, so type the Access token again."),
    ).toBeInTheDocument();
    expect(token).toHaveAttribute("aria-invalid", "true");
    expect(updateCredentialsAction.mock.calls[0][1].get("credentials.accessToken")).toBe("");
  });
});

describe("Timeline: a refused credentials save", () => {
  const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 12, min));
  const status = {
    kind: "status" as const,
    key: "s-1",
    at: at(30),
    fromStatus: "operational" as const,
    toStatus: "auth_failed" as const,
    reason: "invalid_credentials",
    message: "Token rejected",
  };
  const change = (action: string) => ({
    kind: "change" as const,
    key: "c-1",
    at: at(20),
    actorName: "Mallory",
    action,
    summary: "Refused a credentials change",
    fields: ["baseUrl", "accessToken"],
  });

  it("is listed by field name, and never shown as the cause of the next status change", () => {
    const { rerender } = render(
      <Timeline entries={[status, change("connector.credentials_refused")]} when={(d) => d.toISOString()} />,
    );
    expect(screen.getByText(/fields: baseUrl, accessToken/)).toBeInTheDocument();
    expect(screen.queryByText(/change below/)).not.toBeInTheDocument();
    rerender(<Timeline entries={[status, change("connector.credentials_changed")]} when={(d) => d.toISOString()} />);
    expect(screen.getByText(/After Mallory.s change below/)).toBeInTheDocument();
  });
});
