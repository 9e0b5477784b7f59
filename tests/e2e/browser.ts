import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const baseUrl = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000";
/** Where a run's artefacts go: one directory per database (scripts/run-tests.mjs), so two runs side by side never mix. */
export const resultsDir = path.resolve(process.env.E2E_RESULTS ?? "test-results");
export const screenshotDir = path.join(resultsDir, "screenshots");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Runs a browser scenario in a fresh context; on failure saves a full-page screenshot named after it, then rethrows. */
export async function scenario(browser: Browser, name: string, fn: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  try {
    await fn(page);
  } catch (error) {
    fs.mkdirSync(path.join(screenshotDir, "failures"), { recursive: true });
    await page
      .screenshot({
        path: path.join(screenshotDir, "failures", `${name.replace(/[^a-z0-9]+/gi, "-")}.png`),
        fullPage: true,
      })
      .catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  // caret "initial": Playwright otherwise hides the caret by writing an inline style on every input, and a streamed
  // section that hydrates during the screenshot then reports a hydration mismatch (a console error) for each one.
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, caret: "initial" });
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Closes what a beforeAll opened, in order; any of them is missing when that beforeAll failed part-way. */
export async function closeAll(...opened: ({ close(): Promise<unknown> } | undefined)[]): Promise<void> {
  for (const thing of opened) await thing?.close();
}
