import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { executeRows } from "@/db/queries/execute";
import { preparedQuery } from "@/db/prepared-query";
import { connectorCounts } from "@/db/schema";

/**
 * The organisation's connectors per environment and status, added up from the rows the triggers on connectors append
 * (migration 0019): as many rows as environments times statuses once folded, plus the changes since.
 */
export const keptConnectorCounts = preparedQuery("connector-counts", (db) =>
  db
    .select({
      environment: connectorCounts.environment,
      status: connectorCounts.status,
      n: sql<number>`sum(${connectorCounts.n})::int`.mapWith(Number),
    })
    .from(connectorCounts)
    .where(eq(connectorCounts.orgId, sql.placeholder("orgId")))
    .groupBy(connectorCounts.environment, connectorCounts.status),
);

/**
 * Folds the appended rows of up to `limit` organisations into one row per environment and status (none where the sum
 * is zero), in one statement. Rows a writer appends meanwhile are not yet visible to it and stay as they are; two folds
 * at once delete each row once (the second waits for the first and skips what it deleted), so every sum holds.
 */
export async function foldConnectorCounts(db: Db, { limit = 500 }: { limit?: number } = {}): Promise<number> {
  const rows = await executeRows<{ orgs: number }>(
    db,
    sql`
    WITH due AS (
      SELECT org_id FROM connector_counts GROUP BY org_id
      HAVING count(*) > count(DISTINCT (environment, status))
      LIMIT ${limit}
    ), gone AS (
      DELETE FROM connector_counts c USING due WHERE c.org_id = due.org_id
      RETURNING c.org_id, c.environment, c.status, c.n
    ), folded AS (
      INSERT INTO connector_counts (org_id, environment, status, n)
      SELECT org_id, environment, status, sum(n)::int FROM gone GROUP BY 1, 2, 3 HAVING sum(n) <> 0
    )
    SELECT count(*)::int AS orgs FROM due`,
  );
  return rows[0]?.orgs ?? 0;
}
