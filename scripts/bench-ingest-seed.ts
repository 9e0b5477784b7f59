import type { Db } from "@/db";
import { insertIngestBenchOrganisation } from "@/db/queries/bench";
import { displayPrefix, generateToken, hashToken } from "@/lib/api-tokens/token";
import { encryptCredentials } from "@/lib/crypto/credentials";

/** An organisation with `n` services (each between its own live source and test destination) and an API token. */
export async function seedIngestOrg(db: Db, { services: n }: { services: number }) {
  const token = generateToken();
  const seeded = await insertIngestBenchOrganisation(db, {
    services: n,
    encrypt: encryptCredentials,
    token: { hash: hashToken(token), prefix: displayPrefix(token) },
  });
  return { ...seeded, token };
}

const STATUSES = ["ok", "ok", "ok", "sent", "pending", "failed"] as const;

/** Batch `b` as a ready-to-send JSON body: built before the clock starts, so the bench measures the server only. */
export function batchBody(b: number, size: number, serviceIds: string[], prefix = "bench"): string {
  const now = Date.now();
  const runs = Array.from({ length: size }, (_, i) => {
    const n = b * size + i;
    const status = STATUSES[n % STATUSES.length];
    const started = now - ((n * 7919) % (7 * 86_400_000));
    return {
      externalId: `${prefix}-${b}-${i}`,
      serviceId: serviceIds[n % serviceIds.length],
      startedAt: new Date(started).toISOString(),
      finishedAt: status === "pending" ? null : new Date(started + 30_000).toISOString(),
      status,
      pulled: n % 250,
      pushed: status === "failed" ? 0 : n % 240,
      errorMessage: status === "failed" ? `HTTP 503 from the destination (attempt ${n % 3})` : null,
    };
  });
  return JSON.stringify({ runs });
}
