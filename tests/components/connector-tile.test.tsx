import { render, screen, within } from "@testing-library/react";
import { ConnectorTiles, type TileData } from "@/components/connectors/connector-tile";

const tile = (over: Partial<TileData> = {}): TileData => ({
  id: "0b7f6a5e-1c1d-4f53-9a0e-2f9a1c6d7e01",
  name: "Shopify UK",
  systemId: "shopify",
  systemName: "Shopify",
  status: "unreachable",
  checkedAgo: "7 minutes ago",
  ...over,
});

const renderTiles = (tiles: TileData[], props: { showCog?: boolean; selectForm?: string } = {}) =>
  render(
    <ul aria-label="Live connectors">
      <ConnectorTiles tiles={tiles} showCog={props.showCog ?? true} selectForm={props.selectForm} />
    </ul>,
  );

describe("connector tiles", () => {
  it("show the system, the name as the link to the connector, the status and when it was last checked", () => {
    renderTiles([
      tile(),
      tile({ id: "5d1c", name: "NetSuite", systemName: "NetSuite", status: "operational", checkedAgo: null }),
    ]);
    const items = within(screen.getByRole("list", { name: "Live connectors" })).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    const [shopify, netsuite] = items;
    expect(within(shopify).getByRole("link", { name: "Shopify UK" })).toHaveAttribute(
      "href",
      "/connectors/0b7f6a5e-1c1d-4f53-9a0e-2f9a1c6d7e01",
    );
    expect(shopify).toHaveTextContent("Shopify");
    expect(shopify).toHaveTextContent("System Unreachable");
    expect(shopify).toHaveTextContent("checked 7 minutes ago");
    expect(netsuite).toHaveTextContent("Operational");
    expect(netsuite).toHaveTextContent("never checked");
    expect(screen.getByTestId("tile-NetSuite")).toBe(netsuite);
  });

  it("offer the settings cog and the bulk checkbox only when asked, each named for its connector", () => {
    const { unmount } = renderTiles([tile()], { showCog: true, selectForm: "bulk-connectors" });
    expect(screen.getByRole("link", { name: "Settings of Shopify UK" })).toHaveAttribute(
      "href",
      "/connectors/0b7f6a5e-1c1d-4f53-9a0e-2f9a1c6d7e01/settings",
    );
    const box = screen.getByRole("checkbox", { name: "Select Shopify UK" });
    expect(box).toHaveAttribute("form", "bulk-connectors");
    expect(box).toHaveAttribute("value", "0b7f6a5e-1c1d-4f53-9a0e-2f9a1c6d7e01");
    unmount();
    renderTiles([tile()], { showCog: false });
    expect(screen.queryByRole("link", { name: /^Settings of/ })).toBeNull();
    expect(screen.queryByRole("checkbox")).toBeNull();
  });

  it("show the company group when given, and a pause in force with its reason", () => {
    renderTiles([
      tile({ group: "Company 037", maintenance: { kind: "pause", reason: "Vendor migration", until: null } }),
      tile({ id: "9e", name: "Other" }),
    ]);
    const [paused, other] = screen.getAllByRole("listitem");
    expect(paused).toHaveTextContent("Company 037");
    expect(within(paused).getByTestId("maintenance-state")).toHaveTextContent("PausedVendor migrationuntil resumed");
    expect(other).not.toHaveTextContent("Company");
    expect(within(other).queryByTestId("maintenance-state")).toBeNull();
  });
});
