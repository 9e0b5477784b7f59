/**
 * The data set of `npm run bench:references`, one organisation: 2 connectors, 50 services, 1,000,000 sync runs over
 * 30 days (3 % failed), each with two references: an order number `SO-<7 digits>` unique to the run and a customer id
 * `CUST-<0..4999>` shared by 200 runs. INSERT ... SELECT generate_series in chunks of 20,000.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { companyGroups, connectors, organisations, services } from "@/db/schema";

export const REFERENCES_SEED = { runs: 1_000_000, services: 50, customers: 5_000 };

/** The order number of run `i` (1-based), as the seed writes it. */
export const orderNumber = (i: number) => `SO-${String(i).padStart(7, "0")}`;

export async function seedReferencesData(
  db: Db,
  {
    now,
    log,
    encrypt,
  }: {
    now: Date;
    log: (line: string) => void;
    encrypt: (
      connectorId: string,
      credentials: Record<string, string>,
    ) => { credentials: string; credentialsKeyId: string };
  },
) {
  const t0 = Date.now();
  const [org] = await db.insert(organisations).values({ name: "Bench references" }).returning();
  const [group] = await db
    .insert(companyGroups)
    .values({ orgId: org.id, name: "Bench", isDefault: true })
    .returning({ id: companyGroups.id });
  const [source, destination] = await db
    .insert(connectors)
    .values(
      (["Shop", "ERP"] as const).map((name, i) => {
        const id = randomUUID();
        return {
          id,
          orgId: org.id,
          companyGroupId: group.id,
          systemId: i === 0 ? "shopify" : "netsuite",
          authType: "token",
          environment: "live" as const,
          name,
          ...encrypt(id, { token: "bench-token" }),
        };
      }),
    )
    .returning({ id: connectors.id });
  const svc = await db
    .insert(services)
    .values(
      Array.from({ length: REFERENCES_SEED.services }, (_, i) => ({
        orgId: org.id,
        name: `Flow ${i}`,
        sourceConnectorId: source.id,
        destinationConnectorId: destination.id,
      })),
    )
    .returning({ id: services.id });
  const serviceIds = sql`array[${sql.join(
    svc.map((s) => sql`${s.id}::uuid`),
    sql`, `,
  )}]`;
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const n = REFERENCES_SEED.runs;
  for (let from = 1; from <= n; from += 20_000) {
    const to = Math.min(n, from + 19_999);
    // One statement per chunk: the runs, and their two references from what the insert returns.
    await db.execute(sql`with r as (
        insert into sync_runs (org_id, service_id, external_id, started_at, finished_at, status, pulled_count, pushed_count)
        select ${org.id}::uuid, (${serviceIds})[1 + i % ${REFERENCES_SEED.services}], 'bench-' || i, t.started,
          t.started + interval '30 seconds', (case when (i * 2654435761) % 100 < 3 then 'failed' else 'ok' end)::sync_status, 10, 10
        from generate_series(${from}::bigint, ${to}::bigint) i
        cross join lateral (select ${nowSql} - interval '30 days' + (i::float8 / ${n}) * interval '30 days' as started) t
        returning id, org_id, substr(external_id, 7)::bigint as i
      )
      insert into sync_run_references (sync_run_id, org_id, reference)
      select r.id, r.org_id, x.ref from r
      cross join lateral (values ('SO-' || lpad(r.i::text, 7, '0')), ('CUST-' || (r.i * 7919) % ${REFERENCES_SEED.customers})) x(ref)`);
    log(`seed  ${to.toLocaleString("en-GB")} runs with references (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return { orgId: org.id };
}
