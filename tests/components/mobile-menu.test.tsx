import { act, fireEvent, render, screen } from "@testing-library/react";
import { MobileMenu } from "@/components/shell/mobile-menu";

let pathname = "/connectors";
jest.mock("next/navigation", () => ({ usePathname: () => pathname }));

function renderMenu() {
  return render(
    <MobileMenu brand={<p>Patchbay</p>}>
      <nav aria-label="Main">
        <a href="/services">Services</a>
        <a href="#here">Same page</a>
      </nav>
    </MobileMenu>,
  );
}

/** The small-screen menu is a disclosure: the button says whether it is open and which panel it opens. */
describe("mobile menu", () => {
  beforeEach(() => {
    pathname = "/connectors";
  });

  it("opens and closes with its button, which says so in aria-expanded and names the panel in aria-controls", () => {
    renderMenu();
    const button = screen.getByRole("button", { name: "Menu" });
    const panel = document.getElementById(button.getAttribute("aria-controls")!)!;
    expect(button).toHaveAttribute("aria-expanded", "false");
    expect(panel).toHaveClass("hidden");
    fireEvent.click(button);
    expect(button).toHaveAttribute("aria-expanded", "true");
    expect(panel).not.toHaveClass("hidden");
    expect(panel).toContainElement(screen.getByRole("link", { name: "Services" }));
    fireEvent.click(button);
    expect(button).toHaveAttribute("aria-expanded", "false");
  });

  it("Escape closes it and gives focus back to the button", () => {
    renderMenu();
    const button = screen.getByRole("button", { name: "Menu" });
    fireEvent.click(button);
    screen.getByRole("link", { name: "Services" }).focus();
    fireEvent.keyDown(document, { key: "Escape" });
    expect(button).toHaveAttribute("aria-expanded", "false");
    expect(button).toHaveFocus();
  });

  it("closes when a link in it is followed, and when the page changes under it", () => {
    const { rerender } = renderMenu();
    const button = screen.getByRole("button", { name: "Menu" });
    fireEvent.click(button);
    fireEvent.click(screen.getByRole("link", { name: "Same page" }));
    expect(button).toHaveAttribute("aria-expanded", "false");

    fireEvent.click(button);
    expect(button).toHaveAttribute("aria-expanded", "true");
    pathname = "/services";
    act(() =>
      rerender(
        <MobileMenu brand={<p>Patchbay</p>}>
          <nav aria-label="Main" />
        </MobileMenu>,
      ),
    );
    expect(button).toHaveAttribute("aria-expanded", "false");
  });
});
