import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";

/** Runs raw SQL and answers its rows as the caller declares them (both drivers answer `{ rows }`). */
export async function executeRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
