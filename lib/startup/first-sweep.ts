import { getDb } from "@/db";
import { runSweepThenDeliver } from "@/lib/checks/sweep-job";
import { healthCronExpression } from "@/lib/checks/schedule";
import { env } from "@/lib/env";
import { log, logError } from "@/lib/log";

/** How long the first sweep waits for this server to answer its own address before it runs anyway. */
const OWN_ORIGIN_WAIT_MS = 60_000;

/**
 * The first sweep runs when the server starts, not at the schedule's first tick (up to 5 minutes later): connectors
 * that are due (every new one, the whole demo organisation on a first start) show what a check finds within seconds.
 * Only where the in-process schedule runs (not with HEALTHCHECK_CRON=off, not on Vercel, never in tests). In the
 * background: the server starts serving meanwhile, and must, since the sandbox system's probe calls this server.
 */
export function startFirstSweep(): Promise<void> | null {
  if (env.NODE_ENV === "test" || !healthCronExpression()) return null;
  return (async () => {
    try {
      await waitForOwnOrigin();
      const report = await runSweepThenDeliver(await getDb()); // the sweep logs its own summary line
      log.info({ checked: report.checked }, "first sweep after start-up done");
    } catch (error) {
      logError("first sweep", error);
    }
  })();
}

/**
 * Waits until this server answers on APP_URL: the built-in sandbox vendor is served by this app, and under `next dev`
 * its route compiles on the first request, which could outlast a check's timeout. Any HTTP answer will do (401).
 */
async function waitForOwnOrigin(): Promise<void> {
  const url = new URL("/api/sandbox/v1/account", env.APP_URL);
  const until = Date.now() + OWN_ORIGIN_WAIT_MS;
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(Math.max(1, until - Date.now())) });
      await res.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
