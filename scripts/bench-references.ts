/**
 * `npm run bench:references`: the sync report's Reference search at 1,000,000 runs. Seeds one organisation
 * (db/queries/bench-references-seed.ts: 1 M runs over 30 days, two references each, 2 M reference rows) into a temp
 * embedded database or DATABASE_URL, then runs what the report page runs for one page (the first 50 rows and the
 * capped count, concurrently) for the default 5-day window: unfiltered, by exact references and by prefixes. Prints
 * p50/p95 per case and the p95 ratio against the unfiltered report. Options: --requests (default 200), --warmup (20).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { machineLine } from "./bench-lib";

const { values: args } = parseArgs({
  options: { requests: { type: "string", default: "200" }, warmup: { type: "string", default: "20" } },
});
const REQUESTS = Number(args.requests);
const WARMUP = Number(args.warmup);
const log = (line: string) => process.stdout.write(`${line}\n`);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function main() {
  const { openPglite, openPostgres } = await import("@/db");
  const { seedReferencesData, orderNumber, REFERENCES_SEED } = await import("@/db/queries/bench-references-seed");
  const { deleteBenchOrganisation, vacuumAnalyze } = await import("@/db/queries/bench");
  const { countSyncReport, listSyncReport, resolveReportScope } = await import("@/db/queries/sync-report");
  const { parseReportFilters } = await import("@/lib/sync-reports/filters");
  const { encryptCredentials } = await import("@/lib/crypto/credentials");
  const databaseUrl = process.env.DATABASE_URL;
  const tmp = databaseUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-references-"));
  const pgliteDir = tmp && path.join(tmp, "pglite");
  log(`machine   ${machineLine()}`);
  log(`database  ${pgliteDir ? `embedded PGlite (${pgliteDir})` : "Postgres (DATABASE_URL)"}`);
  const handle = await (pgliteDir ? openPglite({ dataDir: pgliteDir }) : openPostgres(databaseUrl ?? ""));
  let orgId: string | undefined;
  try {
    await handle.migrate();
    const now = new Date();
    const t0 = performance.now();
    ({ orgId } = await seedReferencesData(handle.db, { now, log, encrypt: encryptCredentials }));
    await vacuumAnalyze(handle.db, ["services", "sync_runs", "sync_run_references"]);
    log(
      `seeded    ${REFERENCES_SEED.runs.toLocaleString("en-GB")} runs in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );

    const n = REFERENCES_SEED.runs;
    const cases: [label: string, ref: string | undefined][] = [
      ["unfiltered report (5 days)", undefined],
      ["exact order number (1 run)", orderNumber(n - 1_000)],
      ["exact customer id (200 runs)", "CUST-42"],
      ["exact, no match", "SO-NOPE"],
      ["prefix SO-09990* (100 runs)", `${orderNumber(n - 1_000).slice(0, 8)}*`],
      ["prefix SO-09* (100,000 runs)", "SO-09*"],
      ["prefix CUST-4* (222,200 runs)", "CUST-4*"],
    ];
    const results: { label: string; p50: number; p95: number; rows: number; count: string }[] = [];
    for (const [label, ref] of cases) {
      const filters = parseReportFilters(ref ? { ref } : {}, now);
      const once = async () => {
        const start = performance.now();
        const scope = await resolveReportScope(handle.db, orgId ?? "", filters);
        const [page, total] = await Promise.all([
          listSyncReport(handle.db, { orgId: orgId ?? "", filters, scope, pageSize: 50 }),
          countSyncReport(handle.db, { orgId: orgId ?? "", filters, scope }),
        ]);
        return { ms: performance.now() - start, rows: page.rows.length, total };
      };
      for (let i = 0; i < WARMUP; i++) await once();
      const times: number[] = [];
      let last = await once();
      for (let i = 0; i < REQUESTS; i++) {
        last = await once();
        times.push(last.ms);
      }
      results.push({
        label,
        p50: pct(times, 0.5),
        p95: pct(times, 0.95),
        rows: last.rows,
        count: `${last.total.count.toLocaleString("en-GB")}${last.total.capped ? "+" : ""}`,
      });
    }
    const base = results[0].p95;
    log(`\nreport page queries (first 50 rows + capped count), ${REQUESTS} sequential requests per case:`);
    log(
      `${"case".padEnd(32)} ${"rows".padStart(5)} ${"count".padStart(8)} ${"p50".padStart(9)} ${"p95".padStart(9)}  p95 / unfiltered`,
    );
    for (const r of results)
      log(
        `${r.label.padEnd(32)} ${String(r.rows).padStart(5)} ${r.count.padStart(8)} ${`${r.p50.toFixed(1)} ms`.padStart(9)} ${`${r.p95.toFixed(1)} ms`.padStart(9)}  ${(r.p95 / base).toFixed(2)}x`,
      );
  } finally {
    if (orgId && !pgliteDir) await deleteBenchOrganisation(handle.db, orgId);
    await handle.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
