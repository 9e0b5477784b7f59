import { randomUUID } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { insertApiToken } from "@/db/queries/api-tokens";
import { executeRows } from "@/db/queries/execute";
import { companyGroups, connectors, healthChecks, organisations, services } from "@/db/schema";

/**
 * The bench scripts' own queries (npm run bench:sweep, bench:ingest, bench:summary): the organisations they seed,
 * measurements on them, and their removal from a shared Postgres afterwards. Credentials are encrypted by the caller
 * (`encrypt`), which holds the keys.
 */

/** Removes a bench organisation. Services first (their runs go with them): connectors in use are RESTRICTed, so the
 * organisation's cascade alone may refuse. */
export async function deleteBenchOrganisation(db: Db, orgId: string): Promise<void> {
  await db.delete(services).where(eq(services.orgId, orgId));
  await db.delete(connectors).where(eq(connectors.orgId, orgId));
  await db.delete(organisations).where(eq(organisations.id, orgId));
}

/** What autovacuum would have done by the time a real organisation had this much data: statistics, visibility map. */
export async function vacuumAnalyze(db: Db, tables: readonly string[]): Promise<void> {
  for (const table of tables) await db.execute(sql.raw(`vacuum analyze ${table}`));
}

/** The checks a sweep stored for the organisation, and their mean latency in whole milliseconds. */
export async function storedCheckStats(db: Db, orgId: string): Promise<{ stored: number; avgLatencyMs: number }> {
  const [{ n: stored }] = await db.select({ n: count() }).from(healthChecks).where(eq(healthChecks.orgId, orgId));
  const [{ avg }] = await db
    .select({ avg: sql<number>`round(avg(${healthChecks.latencyMs}))::int` })
    .from(healthChecks)
    .where(eq(healthChecks.orgId, orgId));
  return { stored, avgLatencyMs: avg };
}

type Encrypt = (
  connectorId: string,
  credentials: Record<string, string>,
) => { credentials: string; credentialsKeyId: string };

/**
 * N due connectors of the bench system, each its own "store" on the bench server. Returns the organisation id.
 * Set-based: the n/2 groups in one INSERT ... SELECT generate_series, the connectors 5,000 per statement as one jsonb
 * parameter (100,000 connectors in seconds; only the credentials envelopes are made in JS, one per connector id).
 */
export async function insertSweepBenchOrganisation(
  db: Db,
  { n, origin, encrypt }: { n: number; origin: string; encrypt: Encrypt },
): Promise<string> {
  const [org] = await db
    .insert(organisations)
    .values({ name: `Bench ${Date.now()}` })
    .returning();
  // One live and one test connector per system per group (the product's rule): n/2 groups, "Group <i>".
  await db.execute(
    sql`insert into company_groups (org_id, name, is_default)
        select ${org.id}::uuid, 'Group ' || g, g = 0 from generate_series(0, ${Math.ceil(n / 2) - 1}::int) g`,
  );
  for (let start = 0; start < n; start += 5000) {
    const rows = Array.from({ length: Math.min(5000, n - start) }, (_, k) => {
      const i = start + k;
      const id = randomUUID();
      const { credentials, credentialsKeyId } = encrypt(id, { url: `${origin}/store-${i}`, token: `bench-token-${i}` });
      return { id, i, credentials, key_id: credentialsKeyId };
    });
    await db.execute(
      sql`insert into connectors (id, org_id, company_group_id, system_id, auth_type, environment, name, credentials, credentials_key_id)
          select v.id, ${org.id}::uuid, g.id, 'bench', 'token',
            (case when v.i % 2 = 1 then 'test' else 'live' end)::environment, 'Bench ' || v.i, v.credentials, v.key_id
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, i int, credentials text, key_id text)
          join company_groups g on g.org_id = ${org.id}::uuid and lower(g.name) = lower('Group ' || (v.i / 2))`,
    );
  }
  return org.id;
}

/** An organisation with `n` services (each between its own live source and test destination) and an API token. */
export async function insertIngestBenchOrganisation(
  db: Db,
  { services: n, encrypt, token }: { services: number; encrypt: Encrypt; token: { hash: string; prefix: string } },
): Promise<{ orgId: string; serviceIds: string[] }> {
  const [org] = await db
    .insert(organisations)
    .values({ name: `Bench ingest ${Date.now()}` })
    .returning();
  const [group] = await db.insert(companyGroups).values({ orgId: org.id, name: "Bench", isDefault: true }).returning();
  const connectorRows = Array.from({ length: n * 2 }, (_, i) => {
    const id = randomUUID();
    const environment = i % 2 ? ("test" as const) : ("live" as const);
    return {
      id,
      orgId: org.id,
      companyGroupId: group.id,
      systemId: `bench-ingest-${i >> 1}`,
      authType: "token",
      environment,
      name: `Bench ${i}`,
      ...encrypt(id, { token: `t-${i}` }),
    };
  });
  await db.insert(connectors).values(connectorRows);
  const serviceRows = await db
    .insert(services)
    .values(
      Array.from({ length: n }, (_, i) => ({
        orgId: org.id,
        name: `Service ${i}`,
        sourceConnectorId: connectorRows[2 * i].id,
        destinationConnectorId: connectorRows[2 * i + 1].id,
      })),
    )
    .returning({ id: services.id });
  await insertApiToken(db, {
    orgId: org.id,
    name: "bench",
    tokenHash: token.hash,
    prefix: token.prefix,
    createdBy: null,
  });
  return { orgId: org.id, serviceIds: serviceRows.map((s) => s.id) };
}

/** The process ids of the Postgres backends serving this database right now (the bench reads their CPU in /proc). */
export async function databaseBackendPids(db: Db): Promise<number[]> {
  const rows = await executeRows<{ pid: number }>(
    db,
    sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`,
  );
  return rows.map((r) => r.pid);
}
