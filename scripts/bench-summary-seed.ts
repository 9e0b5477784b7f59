/**
 * The data set of `npm run bench:summary` (described in db/queries/bench-summary-seed.ts, which writes it): this side
 * supplies what lives above db/, the catalogue's systems, the admin's password hash and the credentials encryption.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { insertSyncRuns, type RunsPart, seedSummaryData, type SummarySeed } from "@/db/queries/bench-summary-seed";
import { hashPassword } from "@/lib/auth/password";
import { encryptCredentials } from "@/lib/crypto/credentials";
import { listSystems } from "@/lib/systems";

export type { SummarySeed };
/** The rest of the data set's runs, after a first measurement on the sample (see `runs` below). */
export const seedRemainingRuns = (db: Db, seed: SummarySeed, now: Date) =>
  insertSyncRuns(db, { orgId: seed.orgId, now, part: "rest" });

export async function seedSummaryBench(
  db: Db,
  { now, log, runs = "all" }: { now: Date; log: (line: string) => void; runs?: RunsPart },
): Promise<SummarySeed> {
  const password = randomBytes(12).toString("base64url");
  const email = `bench-summary-${Date.now()}@example.test`;
  const passwordHash = await hashPassword(password);
  const seed = await seedSummaryData(db, {
    now,
    log,
    email,
    passwordHash,
    systems: listSystems(),
    encrypt: encryptCredentials,
    runs,
  });
  return { ...seed, password };
}
