import { randomUUID } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
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
  await db.transaction(async (tx) => {
    // 100,000 connectors or 10,000,000 runs take longer than the app's statement timeout to remove.
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.delete(services).where(eq(services.orgId, orgId));
    await tx.delete(connectors).where(eq(connectors.orgId, orgId));
    await tx.delete(organisations).where(eq(organisations.id, orgId));
  });
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

/**
 * Pre-fills `count` sync runs into a bench organisation's services (`stored-<i>`, spread over the 90 days before now,
 * 3 % failed with an error), set-based in statements of `chunk` runs: what the ingestion then writes next to.
 */
export async function prefillSyncRuns(
  db: Db,
  {
    orgId,
    serviceIds,
    count,
    chunk = 1_000_000,
    onChunk,
  }: { orgId: string; serviceIds: string[]; count: number; chunk?: number; onChunk?: (done: number) => void },
): Promise<void> {
  const ids = `{${serviceIds.join(",")}}`;
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(count, from + chunk) - 1;
    await longStatement(db, (tx) =>
      tx.execute(
        sql`insert into sync_runs (org_id, service_id, external_id, started_at, finished_at, status, pulled_count, pushed_count, error_message, created_at, updated_at)
          select ${orgId}::uuid, (${ids}::uuid[])[1 + i % ${serviceIds.length}], 'stored-' || i, t.started,
            t.started + interval '30 seconds', t.st::sync_status, i % 250, case when t.st = 'failed' then 0 else i % 240 end,
            case when t.st = 'failed' then 'HTTP 503 from the destination (attempt ' || i % 3 || ')' end, t.started, t.started
          from generate_series(${from}::bigint, ${to}::bigint) i
          cross join lateral (
            select now() - interval '90 days' + (i::float8 / ${count}) * interval '89 days' as started,
              case when (i * 2654435761) % 100 < 3 then 'failed' when (i * 2654435761) % 100 < 25 then 'sent' else 'ok' end as st
          ) t`,
      ),
    );
    onChunk?.(to + 1);
  }
  // Statistics as autovacuum's analyze would have them (VACUUM cannot run in the transaction the timeout needs).
  await longStatement(db, (tx) => tx.execute(sql`analyze sync_runs`));
}

/** One statement without the app's statement timeout (bulk bench work takes longer), in its own transaction. */
async function longStatement(db: Db, run: (tx: Tx) => Promise<unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local statement_timeout = 0`);
    await run(tx);
  });
}

/** Makes a bench organisation's connectors due again (the next round of bench:sweep), leases cleared. */
export async function makeBenchConnectorsDue(db: Db, orgId: string): Promise<void> {
  await db
    .update(connectors)
    .set({ nextCheckAt: sql`now()`, leaseUntil: null, leaseOwner: null })
    .where(eq(connectors.orgId, orgId));
}
