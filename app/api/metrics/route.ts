import { getDb } from "@/db";
import { env } from "@/lib/env";
import { handleMetrics } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

/** Prometheus metrics, with `Authorization: Bearer $METRICS_TOKEN`; 404 while METRICS_TOKEN is unset. */
export function GET(request: Request) {
  return handleMetrics(request, getDb, env.METRICS_TOKEN);
}
