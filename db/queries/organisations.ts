import type { Db, Tx } from "@/db";
import { organisations } from "@/db/schema";

export async function insertOrganisation(db: Db | Tx, { name }: { name: string }) {
  const [row] = await db.insert(organisations).values({ name }).returning();
  return row;
}
