/**
 * Resync end to end against the production server: an administrator asks for a resync on a connector summary's failed
 * syncs, the sync engine claims and acknowledges it and reports the new run through the API (with an API token created
 * in the app), and the summary shows "Resynced: ok"; a read-only user sees the state but no control.
 */
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { baseUrl, closeAll, launchBrowser, scenario, screenshot, signIn } from "./browser";

let browser: Browser;
let apiToken = "";
let serviceId = "";
let connectorId = "";
const stamp = Date.now().toString(36);
// No id is the start of another (rows and buttons are found by them).
const failed = [`e2e-resync-${stamp}-a-orig`, `e2e-resync-${stamp}-b-orig`, `e2e-resync-${stamp}-c-orig`];
const again = (id: string) => id.replace(/-orig$/, "-again");
// The machine is shared and slow: a scenario signs in and renders several pages.
const SLOW = 300_000;

const admin = DEMO_USERS.find((u) => u.role === "administrator")!;
const readOnly = DEMO_USERS.find((u) => u.role === "read_only")!;

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiToken}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

async function signedIn(page: Page, email: string) {
  await signIn(page, email, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

const row = (page: Page, externalId: string) => page.locator("#failed-syncs tr", { hasText: externalId });

beforeAll(async () => {
  browser = await launchBrowser();
  await scenario(browser, "resync token", async (page) => {
    await signedIn(page, admin.email);
    await page.goto("/settings/api-tokens");
    await page.getByLabel("Token name").fill("Resync engine");
    await page.getByRole("button", { name: "Create token" }).click();
    apiToken = (await page.getByTestId("new-token").locator("code").first().textContent()) ?? "";
    await page.goto("/services");
    const input = page.locator('input[name="serviceId"]').first();
    serviceId = (await input.getAttribute("value")) ?? "";
    const href = await page
      .locator("tr", { has: page.locator(`input[name="serviceId"][value="${serviceId}"]`) })
      .locator('a[href^="/connectors/"]')
      .first()
      .getAttribute("href");
    connectorId = (href ?? "").split("/")[2];
  });
  expect(apiToken).toMatch(/^pbk_/);
  // Three failed runs, the newest of the summary's failed syncs.
  const startedAt = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const stored = await api("POST", "/api/v1/sync-runs", {
    runs: failed.map((externalId, i) => ({
      externalId,
      serviceId,
      startedAt: startedAt(3 - i),
      status: "failed",
      errorMessage: "HTTP 503 from the destination",
      references: [`SO-E2E-${stamp}-${i}`],
    })),
  });
  expect(stored.status).toBe(200);
}, SLOW);
afterAll(() => closeAll(browser));

type Requests = { data: { id: string; status: string; acknowledgedAt: string | null; run: { externalId: string } }[] };

describe("resync", () => {
  it(
    "is requested in the summary, claimed, acknowledged and completed through the API, and shown",
    async () => {
      await scenario(browser, "resync request", async (page) => {
        await signedIn(page, admin.email);
        await page.goto(`/connectors/${connectorId}`);
        await page.getByRole("button", { name: `Resync sync ${failed[0]}`, exact: true }).click();
        await row(page, failed[0]).getByText(`Resync requested`).waitFor();
        await expect(row(page, failed[0]).textContent()).resolves.toContain(`by ${admin.name}`);
        // Several at once: tick two and "Resync selected".
        await page.getByLabel(`Select sync ${failed[1]}`).check();
        await page.getByLabel(`Select sync ${failed[2]}`).check();
        await page.getByRole("button", { name: "Resync selected" }).click();
        await page.getByText("Requested a resync of 2 syncs").waitFor();
        await row(page, failed[2]).getByText("Resync requested").waitFor();
        await expect(page.getByRole("button", { name: `Resync sync ${failed[0]}`, exact: true }).count()).resolves.toBe(
          0,
        );
        await screenshot(page, "resync-requested");
      });

      const pending = await api("GET", "/api/v1/resync-requests?status=pending");
      expect(pending.status).toBe(200);
      expect((pending.json as Requests).data.map((r) => r.run.externalId)).toEqual(expect.arrayContaining(failed));

      const claimed = await api("POST", "/api/v1/resync-requests/claim", {
        limit: 100,
        leaseSeconds: 120,
        workerId: "e2e-worker",
      });
      expect(claimed.status).toBe(200);
      const mine = (claimed.json as Requests).data.find((r) => r.run.externalId === failed[0]);
      expect(mine?.status).toBe("claimed");
      const acked = await api("POST", `/api/v1/resync-requests/${mine?.id}/ack`, { workerId: "e2e-worker" });
      expect(acked.status).toBe(200);
      expect((acked.json as { data: { acknowledgedAt: string | null } }).data.acknowledgedAt).toBeTruthy();

      await scenario(browser, "resync picked up", async (page) => {
        await signedIn(page, admin.email);
        await page.goto(`/connectors/${connectorId}`);
        await row(page, failed[0]).getByText("Picked up").waitFor();
      });

      const now = new Date().toISOString();
      const reported = await api("POST", "/api/v1/sync-runs", {
        runs: [
          {
            externalId: again(failed[0]),
            resyncOf: failed[0],
            serviceId,
            startedAt: now,
            finishedAt: now,
            status: "ok",
          },
          { externalId: again(failed[1]), resyncOf: failed[1], serviceId, startedAt: now, status: "failed" },
        ],
      });
      expect(reported.status).toBe(200);

      await scenario(browser, "resync completed", async (page) => {
        await signedIn(page, admin.email);
        await page.goto(`/connectors/${connectorId}`);
        await row(page, failed[0]).getByText("Resynced: ok").waitFor();
        // The resync of the second failed too: shown, and it can be asked for again.
        await row(page, failed[1]).getByText("Failed again").waitFor();
        await page.getByRole("button", { name: `Resync sync ${failed[1]}`, exact: true }).waitFor();
        await screenshot(page, "resync-completed");
      });
    },
    SLOW,
  );

  it(
    "shows a read-only user the state but no control",
    async () => {
      await scenario(browser, "resync read-only", async (page) => {
        await signedIn(page, readOnly.email);
        await page.goto(`/connectors/${connectorId}`);
        await row(page, failed[0]).getByText("Resynced: ok").waitFor();
        await row(page, failed[2]).getByText("Resync requested").waitFor();
        await expect(page.getByRole("button", { name: /^Resync/ }).count()).resolves.toBe(0);
        await expect(page.locator('#failed-syncs input[type="checkbox"]').count()).resolves.toBe(0);
        // A failed sync's error opens the sync's own page: the whole error, its resync state, still no control.
        await row(page, failed[2]).getByRole("link", { name: "HTTP 503 from the destination" }).click();
        await page.waitForURL(new RegExp(`/connectors/${connectorId}/syncs/\\d+$`));
        await page.getByRole("heading", { name: `Sync ${failed[2]}` }).waitFor();
        await expect(page.getByLabel("Error message").textContent()).resolves.toBe("HTTP 503 from the destination");
        await page.getByText("Resync requested").waitFor();
        await expect(page.getByRole("button", { name: /^Resync/ }).count()).resolves.toBe(0);
        // A run that is not one of this connector's: no such page.
        const missing = await page.goto(`/connectors/${connectorId}/syncs/999999999999`);
        expect(missing?.status()).toBe(404);
      });
    },
    SLOW,
  );

  it(
    "finds the runs by reference in the sync report",
    async () => {
      await scenario(browser, "resync reference search", async (page) => {
        await signedIn(page, admin.email);
        await page.goto("/sync-reports");
        await page.getByLabel("Reference", { exact: true }).fill(`SO-E2E-${stamp}-*`);
        await page.getByRole("button", { name: "Apply filters" }).click();
        await page.waitForURL(/ref=/);
        for (const id of failed) await page.getByText(id, { exact: true }).waitFor();
        await expect(page.locator("tbody tr").count()).resolves.toBe(3);
      });
    },
    SLOW,
  );
});
