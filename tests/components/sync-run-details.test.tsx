import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { FormState } from "@/lib/form-state";
import type { ResyncState } from "@/lib/resync/state";

// Server actions cannot run in jsdom: the action is a mock; requestResyncs is covered by the integration tests.
const requestResyncAction = jest.fn<Promise<FormState>, [FormState, FormData]>();
jest.mock("@/lib/actions/resync", () => ({
  requestResyncAction: (prev: FormState, data: FormData) => requestResyncAction(prev, data),
}));

import { SyncRunDetailsView } from "@/components/connectors/summary/sync-run-details";

const at = new Date("2026-03-01T09:14:00Z");
const run = {
  id: 42,
  externalId: "run-42",
  status: "failed" as const,
  serviceId: "s-1",
  serviceName: "Orders",
  direction: "destination" as const,
  startedAt: at,
  finishedAt: null,
  pulledCount: 1200,
  pushedCount: 0,
  errorMessage: "HTTP 503 Service Unavailable\n  at pushOrders (run 42)\n  at retry (attempt 3)",
};
const when = (d: Date) => `${d.toISOString().slice(11, 16)} UTC`;
const pending: ResyncState = {
  syncRunId: 42,
  status: "pending",
  requestedAt: at,
  requestedByName: "Ada",
  acknowledgedAt: null,
  completedAt: null,
  resultStatus: null,
};

beforeEach(() => requestResyncAction.mockReset());

describe("SyncRunDetailsView", () => {
  it("shows the whole error and the sync's figures, and no control without the permission", () => {
    render(
      <SyncRunDetailsView run={run} connectorId="c" when={when} resync={{ state: undefined, canResync: false }} />,
    );
    expect(screen.getByRole("heading", { name: "Sync run-42" })).toBeInTheDocument();
    expect(screen.getByLabelText("Error message").textContent).toBe(run.errorMessage);
    expect(screen.getByText("Did not finish")).toBeInTheDocument();
    expect(screen.getByText("1,200")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Orders" })).toHaveAttribute("href", "/services#service-s-1");
    expect(screen.getByRole("link", { name: "← Failed syncs" })).toHaveAttribute("href", "/connectors/c#failed-syncs");
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("resyncs this one sync for someone allowed to", async () => {
    requestResyncAction.mockResolvedValue({ ok: true, message: "Requested a resync of 1 sync." });
    render(<SyncRunDetailsView run={run} connectorId="c" when={when} resync={{ state: undefined, canResync: true }} />);
    expect(screen.queryByText(/at once/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Resync this sync" }));
    await waitFor(() => expect(requestResyncAction).toHaveBeenCalledTimes(1));
    expect(requestResyncAction.mock.calls[0][1].get("runIds")).toBe("42");
    expect(await screen.findByText("Requested a resync of 1 sync.")).toBeInTheDocument();
  });

  it("shows an open request instead of the control", () => {
    render(<SyncRunDetailsView run={run} connectorId="c" when={when} resync={{ state: pending, canResync: true }} />);
    expect(screen.getByText("Resync requested 09:14 UTC by Ada")).toBeInTheDocument();
    expect(screen.queryByRole("button")).toBeNull();
  });
});
