import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { ConnectorFilters, SEARCH_DEBOUNCE_MS } from "@/components/connectors/connector-filters";
import { StatusOverview } from "@/components/connectors/status-overview";
import { parseConnectorListQuery, type ConnectorListQuery } from "@/lib/connectors/list-query";

const replace = jest.fn();
jest.mock("next/navigation", () => ({ useRouter: () => ({ replace, push: jest.fn(), refresh: jest.fn() }) }));

beforeEach(() => {
  replace.mockClear();
  jest.useFakeTimers();
});
afterEach(() => jest.useRealTimers());

const live: ConnectorListQuery = { tab: "live", sort: "problems" };
const renderFilters = (query: ConnectorListQuery = live) =>
  render(<ConnectorFilters query={query} counts={{ live: 3, test: 1 }} shown={3} total={9} />);

describe("connector list filters", () => {
  it("apply the search as you type, once typing pauses, and keep the focus in the field", () => {
    renderFilters({ ...live, status: "unreachable", page: 3 });
    const field = screen.getByLabelText("Search by name");
    field.focus();
    fireEvent.change(field, { target: { value: "sho" } });
    act(() => jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 50));
    fireEvent.change(field, { target: { value: "shop" } });
    act(() => jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 50));
    expect(replace).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(100));
    expect(replace).toHaveBeenCalledTimes(1);
    expect(replace).toHaveBeenCalledWith("/connectors?tab=live&status=unreachable&q=shop", { scroll: false });
    expect(field).toHaveFocus();
    expect(screen.queryByRole("button", { name: "Apply" })).toBeNull();
  });

  it("apply a status at once, back to the first page, keeping the search", () => {
    renderFilters({ ...live, q: "Shop", page: 2 });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "auth_failed" } });
    expect(replace).toHaveBeenCalledWith("/connectors?tab=live&status=auth_failed&q=Shop", { scroll: false });
  });

  it("carry the filters on the tab links, and count what each tab shows", () => {
    renderFilters({ ...live, status: "operational", q: "Sandbox", sort: "name" });
    const tabs = screen.getByRole("navigation", { name: "Environment" });
    const testing = within(tabs).getByRole("link", { name: /Testing/ });
    expect(testing).toHaveAttribute("href", "/connectors?tab=test&status=operational&q=Sandbox&sort=name");
    expect(testing).toHaveTextContent("1");
    expect(within(tabs).getByRole("link", { name: /Live/ })).toHaveAttribute("aria-current", "page");
    expect(screen.getByTestId("list-count")).toHaveTextContent("Showing 3 of 9 live connectors");
  });

  it("clear every filter in one press", () => {
    renderFilters({ ...live, status: "operational", q: "Sandbox" });
    fireEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(replace).toHaveBeenCalledWith("/connectors?tab=live", { scroll: false });
    expect(screen.getByLabelText("Search by name")).toHaveValue("");
  });

  it("read the URL back the way they write it, ignoring what cannot be a filter", () => {
    expect(
      parseConnectorListQuery({ tab: "test", status: "auth_failed", q: " Shop ", sort: "name", page: "2" }),
    ).toEqual({ tab: "test", status: "auth_failed", q: "Shop", sort: "name", page: 2 });
    expect(parseConnectorListQuery({ tab: "x", status: "broken", q: "a\u0000b", sort: "x", page: "-1" })).toEqual({
      tab: "live",
      status: undefined,
      q: undefined,
      sort: "problems",
      page: undefined,
    });
  });
});

describe("status overview", () => {
  const counts = { unreachable: 2, auth_failed: 1, unknown: 0, operational: 8 };
  const order = ["unreachable", "auth_failed", "unknown", "operational"] as const;

  it("says problems first, leaves out empty statuses, and each part filters the list", () => {
    render(<StatusOverview counts={counts} order={order} query={{ ...live, q: "Shop" }} />);
    const links = within(screen.getByRole("navigation", { name: "Status overview" })).getAllByRole("link");
    expect(links.map((l) => l.textContent)).toEqual(["2 unreachable,", "1 failing authentication,", "8 operational"]);
    expect(links[0]).toHaveAttribute("href", "/connectors?tab=live&status=unreachable&q=Shop");
    expect(links.some((l) => l.hasAttribute("aria-current"))).toBe(false);
  });

  it("marks the status it filters on, and pressing it again shows every status", () => {
    render(<StatusOverview counts={counts} order={order} query={{ ...live, status: "auth_failed" }} />);
    const active = screen.getByRole("link", { name: /failing authentication/ });
    expect(active).toHaveAttribute("aria-current", "true");
    expect(active).toHaveAttribute("href", "/connectors?tab=live");
  });
});
