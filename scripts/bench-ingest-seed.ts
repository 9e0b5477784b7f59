import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { insertApiToken } from "@/db/queries/api-tokens";
import { companyGroups, connectors, organisations, services } from "@/db/schema";
import { displayPrefix, generateToken, hashToken } from "@/lib/api-tokens/token";
import { encryptCredentials } from "@/lib/crypto/credentials";

/** An organisation with `n` services (each between its own live source and test destination) and an API token. */
export async function seedIngestOrg(db: Db, { services: n }: { services: number }) {
  const [org] = await db.insert(organisations).values({ name: `Bench ingest ${Date.now()}` }).returning();
  const [group] = await db.insert(companyGroups).values({ orgId: org.id, name: "Bench", isDefault: true }).returning();
  const connectorRows = Array.from({ length: n * 2 }, (_, i) => {
    const id = randomUUID();
    const environment = i % 2 ? ("test" as const) : ("live" as const);
    return { id, orgId: org.id, companyGroupId: group.id, systemId: `bench-ingest-${i >> 1}`, authType: "token", environment, name: `Bench ${i}`, ...encryptCredentials(id, { token: `t-${i}` }) };
  });
  await db.insert(connectors).values(connectorRows);
  const serviceRows = await db
    .insert(services)
    .values(Array.from({ length: n }, (_, i) => ({ orgId: org.id, name: `Service ${i}`, sourceConnectorId: connectorRows[2 * i].id, destinationConnectorId: connectorRows[2 * i + 1].id })))
    .returning({ id: services.id });
  const token = generateToken();
  await insertApiToken(db, { orgId: org.id, name: "bench", tokenHash: hashToken(token), prefix: displayPrefix(token), createdBy: null });
  return { orgId: org.id, serviceIds: serviceRows.map((s) => s.id), token };
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
