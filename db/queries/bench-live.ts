import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { connectors, organisations } from "@/db/schema";
import { executeRows } from "./execute";

/** npm run bench:live's queries: the demo organisation it polls, and the database's transaction count. */

export async function findDemoOrganisationId(db: Db, name = "Demo Retail Ltd"): Promise<string | undefined> {
  const rows = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name));
  return rows.at(0)?.id;
}

export async function listOrganisationConnectorIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.select({ id: connectors.id }).from(connectors).where(eq(connectors.orgId, orgId));
  return rows.map((r) => r.id);
}

/**
 * Committed and rolled-back transactions of the current database so far (Postgres). Backends report their counts
 * when idle, at the latest after 10 s: wait `settleMs` first for a count that includes everything done before.
 */
export async function committedTransactions(db: Db, { settleMs = 11_000 } = {}): Promise<number> {
  await new Promise((r) => setTimeout(r, settleMs));
  const [row] = await executeRows<{ n: string }>(
    db,
    sql`select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`,
  );
  return Number(row.n);
}
