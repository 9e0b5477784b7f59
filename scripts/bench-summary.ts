/**
 * `npm run bench:summary [-- --requests 200 --concurrency 8 --rounds 3 --no-build]`: builds the app (skip with
 * --no-build when .next is current), seeds one organisation (scripts/bench-summary-seed.ts: 10,000 connectors,
 * 1,000,000 sync runs, 30 days of check history) into a temp embedded database or DATABASE_URL, starts `next start`,
 * signs in once and drives four pages with keep-alive clients on loopback (undici, fixed concurrency): a static page
 * of the same app (/signup, prerendered), the connector list, the summary page of the heaviest connector and summary
 * pages of 99 sampled connectors. Pages are measured in turn, `rounds` times; prints p50/p95/p99 per round, the
 * median p95 ratios against the static page (targets: summary <= 2x, list <= 3x) and EXPLAIN (ANALYZE, BUFFERS) of
 * the slowest queries those pages run. On a shared Postgres it removes its organisation afterwards.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { freePort, machineLine, NEXT_BIN, signIn, startNextServer, stopNextServer } from "./bench-lib";
import type { SummarySeed } from "./bench-summary-seed";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "200" },
    concurrency: { type: "string", default: "8" },
    rounds: { type: "string", default: "3" },
    warmup: { type: "string", default: "40" },
    plans: { type: "string", default: "3" },
    "no-build": { type: "boolean", default: false },
  },
});
const [REQUESTS, CONCURRENCY, ROUNDS, WARMUP, PLANS] = [
  args.requests,
  args.concurrency,
  args.rounds,
  args.warmup,
  args.plans,
].map(Number);
const STATIC_PAGE = "/signup";
const TARGETS = { summary: 2, list: 3 };
// Throwaway keys, shared with the server: the bench must not need or create the development secrets.
process.env.CONNECTOR_SECRETS_KEY ??= randomBytes(32).toString("base64");
process.env.AUTH_SECRET ??= randomBytes(32).toString("hex");
const log = (line: string) => console.log(line);

type Page = {
  key: "static" | "dynamic" | "list" | "heavy" | "sampled";
  label: string;
  path: (i: number) => string;
  expect: string;
  signedOut?: boolean;
};
type Stats = { p50: number; p95: number; p99: number; rps: number; kb: number };

/** `n` GETs from CONCURRENCY keep-alive connections, each taking the next request when its previous one ends. */
async function load(pool: Pool, cookie: string, page: Page, n: number): Promise<Stats> {
  const latencies: number[] = [];
  let next = 0;
  let bytes = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now();
        const res = await pool.request({
          path: page.path(i),
          method: "GET",
          headers: page.signedOut ? {} : { cookie },
        });
        const body = await res.body.text();
        latencies.push(performance.now() - t);
        bytes += body.length;
        if (res.statusCode !== 200 || !body.includes(page.expect))
          throw new Error(
            `${page.path(i)}: HTTP ${res.statusCode}, expected "${page.expect}" in ${body.slice(0, 200)}`,
          );
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
  return { p50: pct(50), p95: pct(95), p99: pct(99), rps: n / seconds, kb: bytes / n / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function main() {
  if (!args["no-build"]) execFileSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit" });
  const { openPglite, openPostgres } = await import("@/db");
  const { seedSummaryBench } = await import("./bench-summary-seed");
  const databaseUrl = process.env.DATABASE_URL;
  const tmp = databaseUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-summary-"));
  const pgliteDir = tmp && path.join(tmp, "pglite");
  const open = () => (pgliteDir ? openPglite({ dataDir: pgliteDir }) : openPostgres(databaseUrl ?? "")); // no directory: the URL is set

  log(`machine         ${machineLine()}`);
  log(`database        ${pgliteDir ? `embedded PGlite (${pgliteDir})` : "Postgres (DATABASE_URL)"}`);
  const handle = await open();
  let closed = false;
  let seed: SummarySeed | undefined;
  try {
    await handle.migrate();
    const t0 = performance.now();
    seed = await seedSummaryBench(handle.db, { now: new Date(), log });
    const { vacuumAnalyze } = await import("@/db/queries/bench");
    await vacuumAnalyze(handle.db, [
      "connectors",
      "company_groups",
      "services",
      "sync_runs",
      "health_checks",
      "health_daily",
      "status_events",
      "audit_events",
      "users",
    ]);
    log(
      `seeded          ${Object.entries(seed.counts)
        .map(([k, v]) => `${v.toLocaleString("en-GB")} ${k}`)
        .join(", ")} in ${((performance.now() - t0) / 1000).toFixed(0)} s (incl. vacuum analyze)`,
    );
    if (pgliteDir) {
      await handle.close(); // PGlite is single-process: the server opens the directory next
      closed = true;
    }

    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const server = startNextServer(port, pgliteDir);
    const results: Record<Page["key"], Stats[]> = { static: [], dynamic: [], list: [], heavy: [], sampled: [] };
    let pages: Page[] = [];
    try {
      for (let i = 0; ; i++) {
        try {
          if ((await fetch(`${origin}${STATIC_PAGE}`)).ok) break;
        } catch (error) {
          if (i > 600) throw error;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      const cookie = await signIn(origin, seed.email, seed.password);
      const { heavyId, sampledIds: sampled } = seed;
      pages = [
        { key: "static", label: `static ${STATIC_PAGE}`, path: () => STATIC_PAGE, expect: "Create an organisation" },
        // For reference: a page rendered on every request that reads no data (signed out, so it shows the form).
        { key: "dynamic", label: `no-data /login`, path: () => "/login", expect: "Sign in", signedOut: true },
        { key: "list", label: "list /connectors", path: () => "/connectors", expect: "Manage your connectors" },
        {
          key: "heavy",
          label: "summary, heaviest",
          path: () => `/connectors/${heavyId}`,
          expect: "of its services failed since",
        },
        {
          key: "sampled",
          label: `summary, ${sampled.length} sampled`,
          path: (i) => `/connectors/${sampled[(i * 37) % sampled.length]}`,
          expect: "Failed syncs",
        },
      ];
      const pool = new Pool(origin, {
        connections: CONCURRENCY,
        keepAliveTimeout: 60_000,
        headersTimeout: 120_000,
        bodyTimeout: 120_000,
      });
      try {
        for (const page of pages) await load(pool, cookie, page, WARMUP);
        log(
          `load            ${CONCURRENCY} keep-alive connections, ${WARMUP} warm-up then ${REQUESTS} requests per page per round, ${ROUNDS} rounds; load now ${os.loadavg()[0].toFixed(2)}`,
        );
        for (let r = 1; r <= ROUNDS; r++)
          for (const page of pages) {
            const s = await load(pool, cookie, page, REQUESTS);
            results[page.key].push(s);
            log(
              `round ${r}  ${page.label.padEnd(24)} p50 ${fmt(s.p50).padStart(9)}  p95 ${fmt(s.p95).padStart(9)}  p99 ${fmt(s.p99).padStart(9)}  ${s.rps.toFixed(0).padStart(5)} req/s  ${s.kb.toFixed(0)} KB`,
            );
          }
      } finally {
        await pool.close();
      }
    } finally {
      await stopNextServer(server);
    }

    log("");
    log(`median p95 over ${ROUNDS} rounds (min-max):`);
    for (const page of pages) {
      const p95s = results[page.key].map((s) => s.p95);
      log(
        `  ${page.label.padEnd(24)} ${fmt(median(p95s)).padStart(9)}  (${Math.min(...p95s).toFixed(1)}-${Math.max(...p95s).toFixed(1)})`,
      );
    }
    log(`ratios (p95 / p95 of the baseline in the same round; median, min-max):`);
    for (const key of ["heavy", "sampled", "list"] as const) {
      const ratios = (base: "static" | "dynamic") => results[key].map((s, i) => s.p95 / results[base][i].p95);
      const range = (xs: number[]) =>
        `${median(xs).toFixed(2)} x (${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)})`;
      const target = key === "list" ? TARGETS.list : TARGETS.summary;
      const m = median(ratios("static"));
      const label = pages.find((p) => p.key === key)?.label ?? key;
      log(
        `  ${label.padEnd(24)} vs static ${range(ratios("static"))}  target <= ${target} x: ${m <= target ? "OK" : "MISSED"};  vs /login ${range(ratios("dynamic"))}`,
      );
    }

    const { explainPageQueries } = await import("./bench-summary-explain");
    await explainPageQueries({ pgliteDir, url: process.env.DATABASE_URL, seed, plans: PLANS, log });
  } finally {
    if (tmp) {
      if (!closed) await handle.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    } else {
      if (seed) {
        const { deleteBenchOrganisation } = await import("@/db/queries/bench");
        await deleteBenchOrganisation(handle.db, seed.orgId);
      }
      await handle.close();
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
