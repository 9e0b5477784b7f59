import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { FormState } from "@/lib/form-state";
import type { ResyncState } from "@/lib/resync/state";

// Server actions cannot run in jsdom: the action is a mock; requestResyncs is covered by the integration tests.
const requestResyncAction = jest.fn<Promise<FormState>, [FormState, FormData]>();
jest.mock("@/lib/actions/resync", () => ({
  requestResyncAction: (prev: FormState, data: FormData) => requestResyncAction(prev, data),
}));

import { FailedSyncs } from "@/components/connectors/summary/failed-syncs";

const at = new Date("2026-03-01T09:14:00Z");
const row = (id: number) => ({
  id,
  externalId: `run-${id}`,
  serviceId: "s-1",
  serviceName: "Orders",
  direction: "source" as const,
  startedAt: at,
  finishedAt: at,
  errorMessage: "HTTP 503",
  errorSummary: "HTTP 503",
});
const data = { rows: [row(1), row(2), row(3), row(4)], total: 4, page: 1, pageCount: 1, pageSize: 20 };
const state = (syncRunId: number, over: Partial<ResyncState>): ResyncState => ({
  syncRunId,
  status: "pending",
  requestedAt: at,
  requestedByName: "Ada",
  acknowledgedAt: null,
  completedAt: null,
  resultStatus: null,
  ...over,
});
const states = {
  1: state(1, {}),
  2: state(2, { status: "claimed", acknowledgedAt: at }),
  3: state(3, { status: "completed", resultStatus: "failed" }),
  4: state(4, { status: "expired" }),
};
const when = (d: Date) => d.toISOString().slice(11, 16);

beforeEach(() => requestResyncAction.mockReset());

describe("FailedSyncs resync", () => {
  it("shows each run's state to everyone, and no control without the permission", () => {
    render(
      <FailedSyncs
        data={data}
        days={7}
        reportHref="/sync-reports"
        basePath="/connectors/c"
        when={when}
        resync={{ states, canResync: false }}
      />,
    );
    expect(screen.getByText("Resync requested 09:14 by Ada")).toBeInTheDocument();
    expect(screen.getByText("Picked up 09:14")).toBeInTheDocument();
    expect(screen.getByText("Failed again")).toBeInTheDocument();
    expect(screen.getByText("Expired — request again")).toBeInTheDocument();
    expect(screen.queryAllByRole("button", { name: /resync/i })).toEqual([]);
    expect(screen.queryAllByRole("checkbox")).toEqual([]);
  });

  it("links each error to the sync's own page, which has the whole error", () => {
    render(
      <FailedSyncs
        data={data}
        days={7}
        reportHref="/sync-reports"
        basePath="/connectors/c"
        when={when}
        resync={{ states: {}, canResync: false }}
      />,
    );
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getByRole("link", { name: "HTTP 503" }).getAttribute("href"))).toEqual([
      "/connectors/c/syncs/1",
      "/connectors/c/syncs/2",
      "/connectors/c/syncs/3",
      "/connectors/c/syncs/4",
    ]);
    expect(within(rows[0]).getByText("run-1")).toBeInTheDocument();
    expect(within(rows[0]).getByText("Source")).toBeInTheDocument();
  });

  it("offers Resync only on runs without an open request, and sends the one run", async () => {
    requestResyncAction.mockResolvedValue({ ok: true, message: "Requested a resync of 1 sync." });
    render(
      <FailedSyncs
        data={data}
        days={7}
        reportHref="/sync-reports"
        basePath="/connectors/c"
        when={when}
        resync={{ states, canResync: true }}
      />,
    );
    const buttons = screen.getAllByRole("button", { name: /^Resync sync/ }).map((b) => b.getAttribute("aria-label"));
    expect(buttons).toEqual(["Resync sync run-3", "Resync sync run-4"]);
    expect(screen.queryByLabelText("Select sync run-1")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Resync sync run-4" }));
    await waitFor(() => expect(requestResyncAction).toHaveBeenCalledTimes(1));
    expect(requestResyncAction.mock.calls[0][1].get("runIds")).toBe("4");
    expect(await screen.findByText("Requested a resync of 1 sync.")).toBeInTheDocument();
  });

  it("sends every ticked run with Resync selected, and shows a refusal", async () => {
    requestResyncAction.mockResolvedValue({
      ok: false,
      message: "Please correct the fields marked below.",
      fieldErrors: { runIds: ["At most 500 syncs can be resynced at once; choose fewer and resync the rest after."] },
    });
    render(
      <FailedSyncs
        data={data}
        days={7}
        reportHref="/sync-reports"
        basePath="/connectors/c"
        when={when}
        resync={{ states: {}, canResync: true }}
      />,
    );
    fireEvent.click(screen.getByLabelText("Select every failed sync on this page"));
    for (const id of [1, 2, 3, 4]) expect(screen.getByLabelText(`Select sync run-${id}`)).toBeChecked();
    fireEvent.click(screen.getByLabelText("Select sync run-2"));
    fireEvent.click(screen.getByRole("button", { name: "Resync selected" }));
    await waitFor(() => expect(requestResyncAction).toHaveBeenCalledTimes(1));
    expect(requestResyncAction.mock.calls[0][1].get("runIds")).toBe("1,3,4");
    const status = await screen.findByText(/At most 500 syncs/);
    expect(within(status.closest("[role=status]") as HTMLElement).getByText(/At most 500/)).toBeInTheDocument();
  });
});
