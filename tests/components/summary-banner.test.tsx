import { render, screen, within } from "@testing-library/react";
import type { ConnectorSummary } from "@/db/queries/connectors";
import { formatDateTime } from "@/lib/format/date";

jest.mock("@/lib/actions/connectors", () => ({ checkNowAction: jest.fn() }));

import { StatusBanner } from "@/components/connectors/summary/status-banner";

const NOW = new Date("2026-07-01T12:00:00Z");
const connector = {
  id: "c-1",
  status: "auth_failed",
  statusSince: new Date("2026-07-01T08:12:00Z"),
  lastCheckedAt: new Date("2026-07-01T11:55:00Z"),
  lastReason: "auth_rejected",
  lastMessage: "The system rejected the credentials.",
  lastHint: "Generate a new access token.",
  lastLatencyMs: 320,
  nextCheckAt: new Date("2026-07-01T13:00:00Z"),
  consecutiveFailures: 6,
  timeZone: "America/New_York",
  dateFormat: "MM/dd/yyyy hh:mm a",
} as unknown as ConnectorSummary;
const when = (d: Date) => formatDateTime(d, connector.timeZone, connector.dateFormat);

describe("StatusBanner", () => {
  it("shows status, since, last check, hint, impact and back-off in the connector's zone and format", () => {
    render(
      <StatusBanner
        connector={connector}
        impact={{ since: connector.statusSince!, failedSyncs: 37 }}
        canCheck
        backoffThreshold={2}
        when={when}
        now={NOW}
      />,
    );
    const banner = screen.getByTestId("status-banner");
    expect(within(banner).getByText(/Failed Authentication/)).toHaveTextContent(
      "Failed Authentication since 07/01/2026 04:12 AM EDT",
    );
    expect(banner).toHaveTextContent("07/01/2026 07:55 AM EDT (5 minutes ago)");
    expect(banner).toHaveTextContent("The system rejected the credentials.(auth_rejected)in 320 ms");
    expect(banner).toHaveTextContent("What to check: Generate a new access token.");
    expect(screen.getByTestId("impact")).toHaveTextContent(
      "37 syncs of its services failed since 07/01/2026 04:12 AM EDT.",
    );
    expect(screen.getByTestId("backoff")).toHaveTextContent("after 6 failed checks in a row");
    expect(screen.getByRole("button", { name: "Check now" })).toBeInTheDocument();
  });

  it("hides the button from users who may not manage connectors, and the warnings while operational", () => {
    const ok = { ...connector, status: "operational", consecutiveFailures: 0 } as ConnectorSummary;
    render(<StatusBanner connector={ok} impact={null} canCheck={false} backoffThreshold={2} when={when} now={NOW} />);
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
    expect(screen.queryByTestId("impact")).not.toBeInTheDocument();
    expect(screen.queryByTestId("backoff")).not.toBeInTheDocument();
    expect(screen.queryByText(/What to check/)).not.toBeInTheDocument();
  });

  it("promises no next check while checks are paused or in a maintenance window", () => {
    const { rerender } = render(
      <StatusBanner
        connector={connector}
        impact={null}
        canCheck
        backoffThreshold={2}
        when={when}
        now={NOW}
        checksOff={{ kind: "pause", reason: "Vendor upgrade", until: null }}
      />,
    );
    const banner = screen.getByTestId("status-banner");
    expect(screen.getByTestId("next-check-off")).toHaveTextContent("None while paused (until resumed)");
    expect(banner).not.toHaveTextContent(when(connector.nextCheckAt));
    // Check now would be refused while paused: the banner says why instead of offering it.
    expect(screen.queryByRole("button", { name: /check now/i })).not.toBeInTheDocument();
    expect(screen.getByTestId("checks-off")).toHaveTextContent("No checks while paused");
    rerender(
      <StatusBanner
        connector={connector}
        impact={null}
        canCheck
        backoffThreshold={2}
        when={when}
        now={NOW}
        checksOff={{ kind: "maintenance", reason: "Vendor window", until: "07/01/2026 02:00 PM EDT" }}
      />,
    );
    expect(screen.getByTestId("next-check-off")).toHaveTextContent(
      "None while in maintenance (until 07/01/2026 02:00 PM EDT)",
    );
    expect(screen.getByTestId("checks-off")).toHaveTextContent("No checks during maintenance");
    rerender(<StatusBanner connector={connector} impact={null} canCheck backoffThreshold={2} when={when} now={NOW} />);
    expect(screen.queryByTestId("next-check-off")).not.toBeInTheDocument();
    expect(screen.queryByTestId("checks-off")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: /check now/i })).toBeInTheDocument();
    expect(banner).toHaveTextContent(when(connector.nextCheckAt));
  });
});
