import type { Db } from "@/db";
import { insertSweepBenchOrganisation } from "@/db/queries/bench";
import { encryptCredentials } from "@/lib/crypto/credentials";

/** N due connectors of the bench system, each its own "store" on the bench server. Returns the organisation id. */
export function seedBenchConnectors(db: Db, { n, origin }: { n: number; origin: string }): Promise<string> {
  return insertSweepBenchOrganisation(db, { n, origin, encrypt: encryptCredentials });
}
