import { render, screen } from "@testing-library/react";

// Server actions cannot run in jsdom; these tests only look at how the two forms are labelled.
jest.mock("@/lib/actions/webhooks", () => ({
  deleteWebhookAction: jest.fn(),
  registerChatChannelAction: jest.fn(),
  registerWebhookAction: jest.fn(),
  sendTestEventAction: jest.fn(),
  setWebhookActiveAction: jest.fn(),
}));

import { AddChatChannelForm, RegisterWebhookForm } from "@/components/notifications/webhook-forms";

describe("webhook and chat forms on one page", () => {
  it("label each URL field on its own (no shared id, so a label never points at the other form's input)", () => {
    const { container } = render(
      <>
        <RegisterWebhookForm allowHttp={false} />
        <AddChatChannelForm allowHttp={false} />
      </>,
    );
    const endpoint = screen.getByLabelText("Endpoint URL");
    const chat = screen.getByLabelText("Incoming-webhook URL");
    expect(endpoint).not.toBe(chat);
    expect(chat.closest("form")).toHaveAccessibleName("Add a chat channel");
    expect(endpoint.closest("form")).toHaveAccessibleName("Register a webhook");
    const ids = Array.from(container.querySelectorAll("[id]"), (e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
