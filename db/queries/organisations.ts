import type { DbOrTx } from "@/db";
import { organisations } from "@/db/schema";

export async function insertOrganisation(db: DbOrTx, { name }: { name: string }) {
  const [row] = await db.insert(organisations).values({ name }).returning();
  return row;
}
