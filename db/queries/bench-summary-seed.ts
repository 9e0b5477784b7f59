/**
 * The data set of `npm run bench:summary`, one organisation:
 * - 10,000 connectors (every catalogue system, live and test, in ~107 company groups), 3 % unreachable, 1 % failing
 *   authentication, 1 % never checked; one "heavy" connector (a NetSuite ERP hub, unreachable for the last 36 hours)
 *   and 99 "sampled" connectors are the ones whose summary pages are measured.
 * - ~5,100 services: consecutive connectors of each group and environment paired, plus 60 more into the hub.
 * - 1,000,000 sync runs over 30 days in arrival order, 15 % of them on the hub's services; 3 % failed, 40 % of the
 *   hub's since it went down (so the banner has an impact to count).
 * - Check history: 30 days of raw checks at the real 5-minute cadence for the 100 measured connectors (864,000 rows),
 *   and at a 4-hour cadence for the other 9,900 (1.78 M rows) so the table is the size and interleaving the sweep
 *   would leave without writing 86 M rows; plus the 60 days before that as health_daily roll-ups for every connector
 *   (600,000 rows), as retention would have left them, and the 30 raw days rolled up by day (the last 8 also by hour)
 *   as the sweep does. Status and settings changes for the timeline.
 * Connectors and services come from JS (10 k rows, credentials really encrypted by the caller's `encrypt`); the big
 * tables are INSERT ... SELECT generate_series in the database, in chunks. The caller (scripts/bench-summary-seed.ts)
 * supplies what lives above db/: the catalogue's systems, the password hash and the credentials encryption.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { companyGroups, organisations, users } from "@/db/schema";
import { vacuumAnalyze } from "./bench";
import { rollupHealthHours } from "./health-hourly";
import { rollupHealthDays } from "./health-retention";

export const SEED = { connectors: 10_000, runs: 1_000_000, sampled: 99, hubServices: 60, hubDownHours: 36 };

type Log = (line: string) => void;
type SeedConnector = {
  n: number;
  id: string;
  groupId: string;
  group: number;
  systemId: string;
  authType: string;
  environment: "live" | "test";
  name: string;
};

export type SummarySeed = {
  orgId: string;
  email: string;
  password: string;
  heavyId: string;
  sampledIds: string[];
  counts: Record<string, number>;
};
export type SeedSystem = { id: string; name: string; authTypes: readonly { id: string }[] };
export type SeedInput = {
  now: Date;
  log: Log;
  email: string;
  passwordHash: string;
  systems: readonly SeedSystem[];
  encrypt: (
    connectorId: string,
    credentials: Record<string, string>,
  ) => { credentials: string; credentialsKeyId: string };
  /** "sample": one in a hundred of the 1,000,000 runs (10,000, spread like the rest); insertSyncRuns adds the rest later. */
  runs?: RunsPart;
};
/** Which of the data set's 1,000,000 sync runs to write: all, one in a hundred ("sample"), or the others ("rest"). */
export type RunsPart = "all" | "sample" | "rest";

const exec = (db: Db, q: ReturnType<typeof sql>) =>
  db.execute(q) as unknown as Promise<{ rows: Record<string, unknown>[] }>;

export async function seedSummaryData(db: Db, input: SeedInput): Promise<Omit<SummarySeed, "password">> {
  const { now, log, email, passwordHash, systems: catalogue, encrypt } = input;
  const t0 = Date.now();
  const step = (what: string) => log(`seed  ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const nowSql = ts(now);

  const [org] = await db.insert(organisations).values({ name: "Bench summary" }).returning();
  const orgUuid = sql`${org.id}::uuid`;
  await db.insert(users).values({ orgId: org.id, email, name: "Bench Admin", role: "administrator", passwordHash });
  // The hub first: NetSuite live in the first group.
  const systems = [...catalogue].sort((a, b) =>
    a.id === "netsuite" ? -1 : b.id === "netsuite" ? 1 : a.id.localeCompare(b.id),
  );
  const groupCount = Math.ceil(SEED.connectors / (systems.length * 2));
  const groups = await db
    .insert(companyGroups)
    .values(
      Array.from({ length: groupCount }, (_, g) => ({
        orgId: org.id,
        name: g === 0 ? "Default" : `Company ${String(g).padStart(3, "0")}`,
        isDefault: g === 0,
      })),
    )
    .returning({ id: companyGroups.id, name: companyGroups.name });

  const conns: SeedConnector[] = [];
  for (let g = 0; g < groupCount && conns.length < SEED.connectors; g++)
    for (const environment of ["live", "test"] as const)
      for (const s of systems) {
        if (conns.length >= SEED.connectors) break;
        const name = `${s.name} ${groups[g].name}${environment === "test" ? " (test)" : ""}`;
        conns.push({
          n: conns.length,
          id: randomUUID(),
          groupId: groups[g].id,
          group: g,
          systemId: s.id,
          authType: s.authTypes[0].id,
          environment,
          name,
        });
      }
  const heavy = conns[0];
  const sampled = new Set(
    Array.from(
      { length: SEED.sampled },
      (_, k) => conns[1 + Math.floor(((k + 0.5) * (conns.length - 1)) / SEED.sampled)].n,
    ),
  );
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
  const connectorRows = conns.map((c) => {
    const r = (c.n * 7919) % 100;
    const [status, reason] =
      c === heavy
        ? ["unreachable", "timeout"]
        : r < 3
          ? ["unreachable", "connection_refused"]
          : r < 4
            ? ["auth_failed", "invalid_credentials"]
            : r < 5
              ? ["unknown", null]
              : ["operational", "ok"];
    const since =
      c === heavy ? hoursAgo(SEED.hubDownHours) : status === "unknown" ? null : hoursAgo(24 + ((c.n * 31) % 600));
    return {
      ...c,
      ...encrypt(c.id, { token: `bench-${c.n}-${randomBytes(6).toString("hex")}` }),
      status,
      reason,
      since,
      checked: status === "unknown" ? null : hoursAgo(((c.n * 13) % 300) / 3600),
      measured: c === heavy || sampled.has(c.n),
    };
  });
  await exec(
    db,
    sql`insert into connectors (id, org_id, company_group_id, system_id, auth_type, environment, name, credentials, credentials_key_id,
          status, status_since, last_checked_at, last_reason, last_latency_ms, next_check_at, created_at, updated_at)
        select r.id, ${orgUuid}, r."groupId", r."systemId", r."authType", r.environment::environment, r.name, r.credentials, r."credentialsKeyId",
          r.status::connector_status, r.since, r.checked, r.reason, 180, ${nowSql} + interval '5 minutes', ${nowSql} - interval '120 days', ${nowSql} - interval '120 days'
        from jsonb_to_recordset(${JSON.stringify(connectorRows)}::jsonb) as r(id uuid, "groupId" uuid, "systemId" text, "authType" text, environment text, name text,
          credentials text, "credentialsKeyId" text, status text, reason text, since timestamptz, checked timestamptz)`,
  );
  // Scratch tables (plain, not temporary: a pool may run the next statement on another connection), dropped at the end.
  await exec(db, sql`drop table if exists bench_summary_connectors`);
  await exec(
    db,
    sql`create table bench_summary_connectors (n int primary key, id uuid not null, measured boolean not null, heavy boolean not null)`,
  );
  await exec(
    db,
    sql`insert into bench_summary_connectors select n, id, measured, heavy from jsonb_to_recordset(${JSON.stringify(connectorRows.map((c) => ({ n: c.n, id: c.id, measured: c.measured, heavy: c.id === heavy.id })))}::jsonb)
        as r(n int, id uuid, measured boolean, heavy boolean)`,
  );
  step(`${conns.length} connectors in ${groupCount} groups`);

  // Services: the hub's 60 first (n < 60: their runs are 15 % of all), then consecutive pairs within each group and environment.
  const services: { name: string; source: string; destination: string; active: boolean }[] = [];
  const liveElsewhere = conns.filter((c) => c.environment === "live" && c.group > 0 && c.systemId !== heavy.systemId);
  for (let k = 0; k < SEED.hubServices; k++) {
    const src = liveElsewhere[k * Math.floor(liveElsewhere.length / SEED.hubServices)];
    services.push({ name: `Orders ${src.name} → ${heavy.name}`, source: src.id, destination: heavy.id, active: true });
  }
  const buckets = new Map<string, SeedConnector[]>();
  for (const c of conns)
    buckets.set(`${c.group}:${c.environment}`, [...(buckets.get(`${c.group}:${c.environment}`) ?? []), c]);
  for (const bucket of buckets.values())
    for (let j = 0; j + 1 < bucket.length; j += 2)
      services.push({
        name: `Sync ${bucket[j].name} → ${bucket[j + 1].name}`,
        source: bucket[j].id,
        destination: bucket[j + 1].id,
        active: (j / 2) % 20 !== 7,
      });
  const serviceRows = services.map((x, n) => ({ ...x, n, id: randomUUID() }));
  await exec(
    db,
    sql`insert into services (id, org_id, name, active, source_connector_id, destination_connector_id, created_at, updated_at)
        select r.id, ${orgUuid}, r.name, r.active, r.source, r.destination, ${nowSql} - interval '100 days', ${nowSql} - interval '100 days'
        from jsonb_to_recordset(${JSON.stringify(serviceRows)}::jsonb) as r(id uuid, name text, source uuid, destination uuid, active boolean)`,
  );
  await exec(db, sql`drop table if exists bench_summary_services`);
  await exec(db, sql`create table bench_summary_services (n int primary key, id uuid not null)`);
  await exec(
    db,
    sql`insert into bench_summary_services select n, id from jsonb_to_recordset(${JSON.stringify(serviceRows.map(({ n, id }) => ({ n, id })))}::jsonb) as r(n int, id uuid)`,
  );
  step(`${services.length} services (${SEED.hubServices} into the hub)`);

  const hubDown = ts(new Date(now.getTime() - SEED.hubDownHours * 3_600_000));
  const runs = await insertSyncRuns(db, { orgId: org.id, now, part: input.runs ?? "all" });
  step(`${runs.toLocaleString("en-GB")} sync runs`);

  // Raw checks, one day per statement, in time order across connectors (as the sweep writes them).
  const start = new Date(now.getTime() - 30 * 86_400_000);
  for (let d = 0; d < 30; d++) {
    const dayStart = ts(new Date(start.getTime() + d * 86_400_000));
    await exec(
      db,
      sql`insert into health_checks (org_id, connector_id, checked_at, status, throttled, reason, latency_ms, http_status)
          select ${orgUuid}, x.id, x.at,
            case when x.heavy and x.at >= ${hubDown} then 'unreachable' when x.h % 1000 < 8 then 'unreachable' else 'operational' end::connector_status,
            x.h % 1000 between 8 and 10,
            case when x.heavy and x.at >= ${hubDown} then 'timeout' when x.h % 1000 < 8 then 'connection_refused' when x.h % 1000 between 8 and 10 then 'throttled' else 'ok' end,
            case when x.heavy and x.at >= ${hubDown} then 10000 else 90 + x.h % 250 + case when x.h % 97 = 0 then 1500 else 0 end end,
            case when x.heavy and x.at >= ${hubDown} then null when x.h % 1000 between 8 and 10 then 429 when x.h % 1000 < 8 then null else 200 end
          from (
            select c.id, c.heavy, ${dayStart} + slot * interval '5 minutes' + (c.n % 300) * interval '1 second' as at, (c.n * 7919 + slot * 104729 + ${d}) % 1000003 as h
            from generate_series(0, 287) slot cross join bench_summary_connectors c where c.measured
            union all
            select c.id, false, ${dayStart} + ((c.n % 48) * 5) * interval '1 minute' + k * interval '4 hours', (c.n * 7919 + k * 104729 + ${d}) % 1000003
            from generate_series(0, 5) k cross join bench_summary_connectors c where not c.measured
          ) x
          where x.at <= ${nowSql}
          order by x.at`,
    );
  }
  step("30 days of raw checks");
  for (let from = 31; from <= 90; from += 20) {
    await exec(
      db,
      sql`insert into health_daily (connector_id, day, checks, failures, latency_p50, latency_p95)
          select c.id, (${nowSql} at time zone 'UTC')::date - d, case when c.measured then 288 else 6 end, case when (c.n + d) % 17 = 0 then 3 else 0 end, 180, 320
          from bench_summary_connectors c cross join generate_series(${from}::int, ${from + 19}::int) d`,
    );
  }
  step("60 days of daily roll-ups");
  // The roll-up the sweep does each day (health-retention.ts), so uptime reads what it reads in steady state. Vacuumed
  // first, as the days a sweep rolls up have been: fresh rows would each cost a heap visit to set their hint bits.
  await vacuumAnalyze(db, ["health_checks", "connectors"]);
  while ((await rollupHealthDays(db, { now, maxConnectors: 2000 })).connectors > 0);
  step("the last 30 days rolled up by day");
  // And by hour, as the sweep does once an hour is over (health-hourly.ts): the latency chart reads those.
  while ((await rollupHealthHours(db, { now, maxConnectors: 2000 })).connectors > 0);
  step("the last 8 days rolled up by hour");

  // Timeline: a status change and a creation per connector; a month of changes for the measured ones.
  await exec(
    db,
    sql`insert into status_events (org_id, connector_id, at, from_status, to_status, reason, message)
        select ${orgUuid}, c.id, coalesce(c.status_since, c.created_at), 'unknown', c.status, coalesce(c.last_reason, 'ok'), 'Seeded status.'
        from connectors c where c.org_id = ${orgUuid} and c.status <> 'unknown'`,
  );
  await exec(
    db,
    sql`insert into status_events (org_id, connector_id, at, from_status, to_status, reason, message)
        select ${orgUuid}, b.id, ${nowSql} - interval '30 days' + k * interval '2 days' + (b.n % 60) * interval '1 minute',
          case when k % 2 = 0 then 'operational' else 'unreachable' end::connector_status, case when k % 2 = 0 then 'unreachable' else 'operational' end::connector_status,
          case when k % 2 = 0 then 'timeout' else 'ok' end, case when k % 2 = 0 then 'The system did not answer in time.' else 'Connected and authenticated.' end
        from bench_summary_connectors b cross join generate_series(0, 11) k where b.measured`,
  );
  await exec(
    db,
    sql`insert into audit_events (org_id, connector_id, connector_name, actor_name, action, summary, fields, at)
        select ${orgUuid}, c.id, c.name, 'Bench Admin', 'connector.created', 'Created the connector', '[]'::jsonb, c.created_at
        from connectors c where c.org_id = ${orgUuid}
        union all
        select ${orgUuid}, b.id, 'Bench', 'Bench Admin', 'connector.credentials_changed', 'Changed the credentials', '["token"]'::jsonb, ${nowSql} - k * interval '29 hours'
        from bench_summary_connectors b cross join generate_series(1, 20) k where b.measured`,
  );
  step("timeline events");
  await exec(db, sql`drop table bench_summary_connectors`);
  // insertSyncRuns(..., "rest") still needs the services' numbering; it drops the table when it is done.
  if ((input.runs ?? "all") === "all") await exec(db, sql`drop table bench_summary_services`);

  const [counts] = (
    await exec(
      db,
      sql`select (select count(*) from connectors where org_id = ${orgUuid})::int as connectors, (select count(*) from services where org_id = ${orgUuid})::int as services,
        (select count(*) from sync_runs where org_id = ${orgUuid})::int as sync_runs, (select count(*) from health_checks where org_id = ${orgUuid})::int as health_checks,
        (select count(*) from health_daily d join connectors c on c.id = d.connector_id where c.org_id = ${orgUuid})::int as health_daily,
        (select count(*) from health_hourly where org_id = ${orgUuid})::int as health_hourly`,
    )
  ).rows as Record<string, number>[];
  return {
    orgId: org.id,
    email,
    heavyId: heavy.id,
    sampledIds: connectorRows.filter((c) => c.measured && c !== connectorRows[0]).map((c) => c.id),
    counts,
  };
}

/**
 * The data set's sync runs in arrival order (time ascending, services interleaved), 100,000 numbers per statement;
 * `part` picks all of them, one in a hundred ("sample": the same spread over 30 days, services and outcomes) or the
 * others ("rest", which then drops the services' numbering table). Returns the number of runs written.
 */
export async function insertSyncRuns(
  db: Db,
  { orgId, now, part }: { orgId: string; now: Date; part: RunsPart },
): Promise<number> {
  const orgUuid = sql`${orgId}::uuid`;
  const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const nowSql = ts(now);
  const [{ n: serviceCount }] = (await exec(db, sql`select count(*)::int as n from bench_summary_services`)).rows as {
    n: number;
  }[];
  // One number in each hundred, its last two digits turning with the hundreds: the sample keeps the hub's 15 % share.
  const sampled = sql`i % 100 = (i / 100) % 100`;
  const pick = part === "sample" ? sql`where ${sampled}` : part === "rest" ? sql`where not (${sampled})` : sql``;
  let written = 0;
  const HUB = SEED.hubServices;
  const others = serviceCount - HUB;
  const hubDown = ts(new Date(now.getTime() - SEED.hubDownHours * 3_600_000));
  for (let from = 1; from <= SEED.runs; from += 100_000) {
    const to = Math.min(SEED.runs, from + 99_999);
    const [{ n }] = (
      await exec(
        db,
        sql`with ins as (insert into sync_runs (org_id, service_id, external_id, started_at, finished_at, status, pulled_count, pushed_count, error_message, created_at, updated_at)
          select ${orgUuid}, s.id, 'bench-' || g.i, g.started,
            case when g.st = 'pending' then null else g.started + (20 + g.h % 100) * interval '1 second' end,
            g.st::sync_status, g.h % 250, case when g.st = 'failed' then 0 else g.h % 240 end,
            case when g.st = 'failed' then 'HTTP 503 Service Unavailable from the destination (attempt ' || (g.h % 3 + 1) || ')' || chr(10) || '  at pushOrders (run ' || g.i || ')' end,
            g.started, g.started
          from (
            select i, t.started, t.h, t.hub,
              case when t.hub and t.started >= ${hubDown} and t.h % 100 < 40 then 'failed'
                   when t.h % 100 < 3 then 'failed'
                   when t.started > ${nowSql} - interval '10 minutes' and t.h % 100 < 50 then 'pending'
                   when t.h % 100 < 25 then 'sent' else 'ok' end as st,
              case when t.hub then (i / 100) % ${HUB} else ${HUB} + (i * 7919) % ${others} end as sn
            from generate_series(${from}::bigint, ${to}::bigint) i
            cross join lateral (select ${nowSql} - interval '30 days' + (i::float8 / ${SEED.runs}) * interval '30 days' as started,
                                       (i * 2654435761) % 1000003 as h, i % 100 < 15 as hub) t
            ${pick}
          ) g
          join bench_summary_services s on s.n = g.sn
          returning 1) select count(*)::int as n from ins`,
      )
    ).rows as { n: number }[];
    written += n;
  }
  if (part === "rest") await exec(db, sql`drop table bench_summary_services`);
  return written;
}
