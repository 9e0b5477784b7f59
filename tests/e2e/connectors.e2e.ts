import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { closeAll, launchBrowser, scenario, screenshot, signIn } from "./browser";

/** A Magento 2 store as its REST API documents itself: Bearer token on /rest/V1/customerGroups/default. */
const valid = new Set(["mg-right-token-0123456789"]);
let magento: http.Server;
let magentoUrl: string;
let browser: Browser;

beforeAll(async () => {
  magento = http.createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url !== "/rest/V1/customerGroups/default")
      return void res.writeHead(404).end('{"message":"Request does not match any route."}');
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!valid.has(token)) {
      res.writeHead(401).end(
        JSON.stringify({
          message: "The consumer isn't authorized to access %resources.",
          parameters: { resources: "Magento_Customer::group" },
        }),
      );
      return;
    }
    res.writeHead(200).end(JSON.stringify({ id: 0, code: "NOT LOGGED IN", tax_class_id: 3 }));
  });
  await new Promise<void>((r) => magento.listen(0, "127.0.0.1", r));
  magentoUrl = `http://127.0.0.1:${(magento.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await closeAll(browser);
  await new Promise((r) => magento.close(r));
});

const admin = DEMO_USERS[0];
const readOnly = DEMO_USERS.find((u) => u.role === "read_only")!;
const NAME = "Magento outlet";

async function addMagento(page: Page, token: string) {
  await page.getByLabel("Store URL").fill(magentoUrl);
  await page.getByLabel("Access token").fill(token);
  await page.getByRole("button", { name: "Check and save connector" }).click();
}

describe("connector pages in a real browser", () => {
  it("an administrator adds, checks, renames, re-zones, rotates, fails to delete while a service uses it, then deletes a connector", () =>
    scenario(browser, "connector-lifecycle", async (page) => {
      await signIn(page, admin.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors/);
      await screenshot(page, "connectors-list");
      await page.getByRole("link", { name: "+ Add connector" }).click();
      await page.waitForURL(/\/connectors\/new/);

      await page.getByLabel("Search systems").fill("magento");
      await page.getByText("Magento 2 / Adobe Commerce").click();
      await page.getByRole("button", { name: "Next →" }).click();
      await page.getByLabel("Name", { exact: true }).fill(NAME);
      await page
        .getByText("Outlet", { exact: true })
        .waitFor({ state: "attached" })
        .catch(() => undefined);
      const group = page.getByLabel("Company group");
      if (await group.count()) await group.selectOption({ label: "Outlet" });
      await page.getByRole("button", { name: "Next →" }).click();
      await page.getByRole("button", { name: "Next →" }).click();

      await addMagento(page, "mg-wrong-token-000000000");
      await page
        .getByText("Allow OAuth Access Tokens to be used as standalone Bearer tokens", { exact: false })
        .first()
        .waitFor();
      expect(page.url()).toMatch(/\/connectors\/new/);

      await page.getByLabel("Access token").fill("mg-right-token-0123456789");
      await page.getByRole("button", { name: "Check and save connector" }).click();
      await page.waitForURL(/\/connectors\/[0-9a-f-]{36}\?created=1/);
      const connectorUrl = page.url().split("?")[0];
      await page.locator("header").getByText("Operational").waitFor();
      await screenshot(page, "connector-summary");

      await page.getByRole("navigation", { name: "Connector" }).getByRole("link", { name: "Settings" }).click();
      await page.waitForURL(/\/settings$/);
      const general = page.getByRole("form", { name: "General settings" });
      await general.getByLabel("Name").fill(`${NAME} EU`);
      await general.getByRole("button", { name: "Save general settings" }).click();
      await page.locator("header h1").getByText(`${NAME} EU`).waitFor();

      // Dates follow the connector's zone: the audit entries move from London time to New York time.
      const changes = page.getByRole("list", { name: "Recent changes" });
      expect(await changes.textContent()).toMatch(/GMT|BST|UTC/);
      await general.getByLabel("Time zone").fill("America/New_York");
      await general.getByRole("button", { name: "Save general settings" }).click();
      await page.getByText("times in America/New_York").waitFor();
      await changes
        .getByText(/E[SD]T/)
        .first()
        .waitFor();
      expect(await changes.textContent()).not.toMatch(/GMT|BST/);

      valid.add("mg-rotated-token-987654321");
      const credentials = page.getByRole("form", { name: "Credentials" });
      await credentials.getByLabel("Access token").fill("mg-rotated-token-987654321");
      await credentials.getByRole("button", { name: /Save and check/ }).click();
      await page.getByText("Credentials saved and verified").waitFor();
      await changes.getByText("Changed credentials: accessToken").waitFor();
      expect(await credentials.getByLabel("Access token").getAttribute("placeholder")).toMatch(/^••••4321/);
      await screenshot(page, "connector-settings");

      // A service that uses the connector blocks its deletion, and the refusal names it.
      const SERVICE = "Magento outlet orders to NetSuite";
      await page.goto("/services");
      await page.getByRole("button", { name: "+ Add service" }).click();
      const add = page.getByRole("form", { name: "Add a service" });
      await add.getByLabel("Name").fill(SERVICE);
      await add.getByLabel("Source (pull from)").selectOption({ label: `${NAME} EU (Magento 2 / Adobe Commerce)` });
      await add.getByLabel("Destination (push to)").selectOption({ label: "NetSuite (NetSuite)" });
      await add.getByRole("button", { name: "Add service" }).click();
      await page.getByTestId(`service-${SERVICE}`).waitFor();

      const deleteConnector = async (typed: string) => {
        await page.goto(`${connectorUrl}/settings`);
        await page.getByRole("button", { name: "Delete connector…" }).click();
        const confirm = page.getByRole("form", { name: "Confirm deletion" });
        await confirm.getByLabel(/Type/).fill(typed);
        await confirm.getByRole("button", { name: "Delete connector" }).click();
        return confirm;
      };
      // While the service uses it, the settings say why it cannot be deleted (with a link) instead of the Delete form.
      await page.goto(`${connectorUrl}/settings`);
      await page.getByTestId("delete-blocked").getByRole("link", { name: SERVICE }).waitFor();
      expect(await page.getByRole("button", { name: "Delete connector…" }).count()).toBe(0);

      await page.goto("/services");
      await page.getByTestId(`service-${SERVICE}`).getByRole("button", { name: "Delete…" }).click();
      await page
        .getByRole("alertdialog", { name: `Delete ${SERVICE}` })
        .getByRole("button", { name: "Delete service" })
        .click();
      await page.getByTestId(`service-${SERVICE}`).waitFor({ state: "detached" });

      const wrongName = await deleteConnector("not the name");
      await wrongName.getByText(/Type the connector's name/).waitFor();
      await deleteConnector(`${NAME} EU`);
      await page.waitForURL(/\/connectors\?deleted=/);
      await page.getByText(`Deleted the connector “${NAME} EU”`).waitFor();
      expect((await page.request.get(connectorUrl)).status()).toBe(404);
    }));

  it("a connector used by services offers no Delete form: it says why, and links to the services", () =>
    scenario(browser, "delete-in-use", async (page) => {
      await signIn(page, admin.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors/);
      await page.getByRole("link", { name: "Settings of Shopify UK", exact: true }).click();
      const blocked = page.getByTestId("delete-blocked");
      await blocked.getByText(/cannot be deleted while 2 services use it/).waitFor();
      expect(await page.getByRole("button", { name: "Delete connector…" }).count()).toBe(0);
      await blocked.getByRole("link", { name: "Shopify UK orders to NetSuite" }).click();
      await page.waitForURL(/\/services#service-[0-9a-f-]{36}$/);
    }));

  it("a read-only user sees the list and the summary, but no settings", () =>
    scenario(browser, "read-only-connectors", async (page) => {
      await signIn(page, readOnly.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors/);
      expect(await page.getByRole("link", { name: /^Settings of / }).count()).toBe(0);
      expect(await page.getByRole("link", { name: "+ Add connector" }).count()).toBe(0);
      await page.getByRole("link", { name: "NetSuite", exact: true }).click();
      await page.getByText("Connector status", { exact: false }).first().waitFor();
      expect(await page.getByRole("button", { name: "Check now" }).count()).toBe(0);
      expect(
        await page.getByRole("navigation", { name: "Connector" }).getByRole("link", { name: "Settings" }).count(),
      ).toBe(0);
      await page.goto(`${page.url()}/settings`);
      await page.getByText("You do not have access to this connector's settings.").waitFor();
      await page.goto("/connectors/new");
      await page.getByText(/You do not have access/).waitFor();
    }));

  it("links navigate in the page without prefetching: the list's tiles and the nav send no prefetch request", () =>
    scenario(browser, "links-no-prefetch", async (page) => {
      // A prefetch of these per-request pages brings back nothing the navigation can use, yet costs a server render
      // (components/ui/link.tsx); the list alone used to send two per tile as the tiles scrolled into view.
      const prefetches: string[] = [];
      const pages: string[] = [];
      page.on("request", (req) => {
        const headers = req.headers();
        if (headers["next-router-prefetch"] || headers["next-router-segment-prefetch"]) prefetches.push(req.url());
        else if (headers.rsc === "1") pages.push(new URL(req.url()).pathname);
      });
      await signIn(page, admin.email, DEMO_PASSWORD);
      await page.waitForURL(/\/connectors/);
      const first = page.locator("li.tile a.tile-name").first();
      await first.waitFor();
      await first.hover();
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).hover();
      await page.waitForTimeout(1500);
      expect(prefetches).toEqual([]);
      const href = await first.getAttribute("href");
      await first.click();
      await page.waitForURL((url) => url.pathname === href);
      await page.getByText("Status history").first().waitFor();
      // A client-side navigation: the page's React payload was fetched, the document was not reloaded.
      expect(pages).toContain(href);
      expect(prefetches).toEqual([]);
    }));
});
