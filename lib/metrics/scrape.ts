import type { Db } from "@/db";
import { readOperatorFigures } from "@/db/queries/metrics";
import { hasBearerSecret } from "@/lib/http/bearer";
import { logError } from "@/lib/log";
import { metrics } from "./registry";

let queue: Promise<unknown> = Promise.resolve();

/**
 * The Prometheus text for one scrape: the shared gauges from one database statement, then the whole registry.
 * Scrapes run one after another in a process, so one never reads gauges half-set by another. If the database cannot
 * be read, the shared gauges are left out and patchbay_metrics_database_up is 0: the process counters still arrive.
 */
export function scrapeMetrics(getDb: () => Promise<Db>): Promise<string> {
  const run = queue.then(async () => {
    const m = metrics();
    for (const g of [m.connectors, m.connectorsDue, m.sweepLag, m.outboxPending]) g.reset();
    try {
      const figures = await readOperatorFigures(await getDb());
      for (const c of figures.connectors)
        m.connectors.set({ status: c.status, system: c.system, environment: c.environment }, c.count);
      m.connectorsDue.set(figures.due);
      m.sweepLag.set(figures.lagSeconds);
      for (const o of figures.outboxPending) m.outboxPending.set({ channel: o.channel }, o.count);
      m.databaseUp.set(1);
    } catch (error) {
      logError("metrics", error);
      for (const g of [m.connectors, m.connectorsDue, m.sweepLag, m.outboxPending]) g.reset();
      m.databaseUp.set(0);
    }
    return m.registry.metrics();
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * GET /api/metrics: 404 while the token (METRICS_TOKEN) is unset (the endpoint is off), 401 with `WWW-Authenticate: Bearer`
 * without `Authorization: Bearer <METRICS_TOKEN>`, else the Prometheus text. Never cached.
 */
export async function handleMetrics(
  request: Request,
  getDb: () => Promise<Db>,
  token: string | undefined,
): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  if (!token) return Response.json({ error: { code: "not_found" } }, { status: 404, headers });
  if (!hasBearerSecret(request, token))
    return Response.json(
      { error: { code: "unauthorized" } },
      { status: 401, headers: { ...headers, "www-authenticate": "Bearer" } },
    );
  const m = metrics();
  return new Response(await scrapeMetrics(getDb), { headers: { ...headers, "content-type": m.registry.contentType } });
}
