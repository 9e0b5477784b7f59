/**
 * `npm run bench:ingest [-- --runs 200000 --clients 4 --batch 1000 --services 20 --stored 0 --no-build]`: runs `next build`
 * (skip with --no-build when .next is current), seeds an organisation with services and an API token, starts the
 * production server (`next start`) on a temp embedded database or DATABASE_URL, and posts pre-built batches from
 * concurrent keep-alive clients (undici, loopback). Prints runs/s and batch latency for first writes and for a retry
 * of every batch (all unchanged). `--stored 10000000` first pre-fills that many runs into the organisation's services
 * with set-based SQL (generate_series, 1,000,000 per statement, then ANALYZE as autovacuum would), so the
 * ingestion is measured with that history already in the table and its indexes. Target: >= 5,000 runs/s into
 * Postgres. On a shared Postgres it removes its organisation (and with it its runs) afterwards.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Client } from "undici";
import { freePort, machineLine, NEXT_BIN as NEXT, startNextServer, stopNextServer } from "./bench-lib";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "200000" },
    clients: { type: "string", default: "4" },
    batch: { type: "string", default: "1000" },
    services: { type: "string", default: "20" },
    stored: { type: "string", default: "0" },
    "no-build": { type: "boolean", default: false },
  },
});
const [RUNS, CLIENTS, BATCH, SERVICES, STORED] = [args.runs, args.clients, args.batch, args.services, args.stored].map(
  Number,
);
const BATCHES = Math.ceil(RUNS / BATCH);
// Throwaway keys, shared with the server: the bench must not need or create the development secrets.
process.env.CONNECTOR_SECRETS_KEY ??= randomBytes(32).toString("base64");
process.env.AUTH_SECRET ??= randomBytes(32).toString("hex");

async function post(client: Client, token: string, body: string) {
  const t0 = performance.now();
  const res = await client.request({
    path: "/api/v1/sync-runs",
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
  });
  const json = (await res.body.json()) as { inserted?: number; updated?: number; unchanged?: number };
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${JSON.stringify(json).slice(0, 300)}`);
  return { ms: performance.now() - t0, json };
}

/** CLIENTS keep-alive connections, each taking the next batch until none are left. */
async function phase(origin: string, token: string, bodies: string[]) {
  let next = 0;
  const latencies: number[] = [];
  const totals = { inserted: 0, updated: 0, unchanged: 0 };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = new Client(origin, { keepAliveTimeout: 30_000, bodyTimeout: 120_000, headersTimeout: 120_000 });
      try {
        for (let i = next++; i < bodies.length; i = next++) {
          const { ms, json } = await post(client, token, bodies[i]);
          latencies.push(ms);
          for (const k of ["inserted", "updated", "unchanged"] as const) totals[k] += json[k] ?? 0;
        }
      } finally {
        await client.close();
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)].toFixed(0);
  return { seconds, latencies: `p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms`, totals };
}

async function main() {
  if (!args["no-build"]) execFileSync(process.execPath, [NEXT, "build"], { stdio: "inherit" });
  const { openPglite, openPostgres } = await import("@/db");
  const { seedIngestOrg, batchBody } = await import("./bench-ingest-seed");
  const databaseUrl = process.env.DATABASE_URL;
  const tmp = databaseUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-ingest-"));
  const pgliteDir = tmp && path.join(tmp, "pglite");
  // Bulk pre-fill and removal take minutes: this handle waits as long as they take (the server keeps the defaults).
  const long = { connect: 30, statement: 3600, idleInTransaction: 3600 };
  const open = () => (pgliteDir ? openPglite({ dataDir: pgliteDir }) : openPostgres(databaseUrl ?? "", long)); // no directory: the URL is set

  const handle = await open();
  await handle.migrate();
  const { orgId, serviceIds, token } = await seedIngestOrg(handle.db, { services: SERVICES });
  let prefill = "";
  if (STORED > 0) {
    const { prefillSyncRuns } = await import("@/db/queries/bench");
    const t0 = performance.now();
    const secs = () => ((performance.now() - t0) / 1000).toFixed(0);
    await prefillSyncRuns(handle.db, {
      orgId,
      serviceIds,
      count: STORED,
      onChunk: (done) => console.error(`stored ${done} runs (${secs()} s)`),
    });
    const size = pgliteDir ? `; PGlite directory ${directoryMb(pgliteDir)} MB` : "";
    prefill = `${STORED} runs pre-filled in ${secs()} s (with ANALYZE)${size}`;
  }
  if (pgliteDir) await handle.close(); // PGlite is single-process: the server opens the directory next
  const bodies = Array.from({ length: BATCHES }, (_, b) => batchBody(b, Math.min(BATCH, RUNS - b * BATCH), serviceIds));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = startNextServer(port, pgliteDir);
  try {
    const warm = new Client(origin);
    for (let i = 0; ; i++) {
      // Ready when the API answers; a few warm-up batches load the route and fill the connection pool first.
      try {
        await post(warm, token, batchBody(i, BATCH, serviceIds, "warmup"));
        if (i >= 3) break;
      } catch (error) {
        if (i > 600) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await warm.close();
    const first = await phase(origin, token, bodies);
    const retry = await phase(origin, token, bodies);
    const rate = (s: number) => Math.round(RUNS / s);
    console.log(`machine         ${machineLine()}`);
    console.log(`database        ${pgliteDir ? "embedded PGlite" : "Postgres (DATABASE_URL)"}`);
    console.log(`already stored  ${prefill || "nothing (--stored 0)"}`);
    console.log(
      `load            ${RUNS} runs in ${BATCHES} batches of ${BATCH}, ${CLIENTS} concurrent clients, ${SERVICES} services`,
    );
    console.log(
      `first write     ${rate(first.seconds)} runs/s (${first.seconds.toFixed(1)} s; ${first.latencies}) ${JSON.stringify(first.totals)}`,
    );
    console.log(
      `retry           ${rate(retry.seconds)} runs/s (${retry.seconds.toFixed(1)} s; ${retry.latencies}) ${JSON.stringify(retry.totals)}`,
    );
    console.log(`target          >= 5000 runs/s first write: ${rate(first.seconds) >= 5000 ? "OK" : "MISSED"}`);
  } finally {
    await stopNextServer(server);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    else {
      const { deleteBenchOrganisation } = await import("@/db/queries/bench");
      await deleteBenchOrganisation(handle.db, orgId);
      await handle.close();
    }
  }
}

/** Disk use of a directory in MB (apparent sizes of its files). */
function directoryMb(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return Math.round(bytes / 2 ** 20);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
