/**
 * `npm run bench:sweep [-- --n 10000 --concurrency 200 --delay 100]`: seeds N connectors of a bench-only system
 * pointing at a local server (another process) that answers after `delay` ms, runs one sweep and prints checks/s,
 * elapsed / floor (floor = N x delay / concurrency) and peak RSS. Embedded PGlite in a temp dir, or DATABASE_URL.
 * Seeding runs in a child process, so the peak RSS printed is the sweep's own (PGlite's initdb alone peaks far higher).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    n: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "200" },
    delay: { type: "string", default: "100" },
    "seed-only": { type: "string" }, // internal: the child that seeds; value = "<pglite dir>|<origin>"
  },
});
// tsx turns on source-mapped stack traces; `next start` does not, and undici/streams read err.stack on every socket close.
process.setSourceMapsEnabled(false);
const N = Number(args.n);
const CONCURRENCY = Number(args.concurrency);
const DELAY_MS = Number(args.delay);
// Own throwaway keys (shared with the seeding child): the bench must not create or need the development secrets.
process.env.CONNECTOR_SECRETS_KEY ??= randomBytes(32).toString("base64");
process.env.AUTH_SECRET ??= randomBytes(32).toString("hex");

// A bare HTTP/1.1 responder on net (answers each request after the delay, keeping the connection open as real
// vendors do): the fake vendor must cost as little CPU as possible, because on 2 cores it competes with the sweep.
const SERVER = `
const net = require("node:net");
const reply = "HTTP/1.1 200 OK\\r\\ncontent-type: application/json\\r\\ncontent-length: 11\\r\\nkeep-alive: timeout=5\\r\\n\\r\\n{\\"ok\\":true}";
const server = net.createServer((socket) => {
  let head = "";
  socket.on("error", () => {});
  socket.on("data", (chunk) => {
    head += chunk;
    let end;
    while ((end = head.indexOf("\\r\\n\\r\\n")) !== -1) {
      head = head.slice(end + 4);
      setTimeout(() => socket.writable && socket.write(reply), ${DELAY_MS});
    }
  });
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));`;

function startServer(): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.stdout.once("data", (d) => resolve({ child, origin: `http://127.0.0.1:${String(d).trim()}` }));
  });
}

async function open(dataDir: string | null) {
  const { openPglite, openPostgres } = await import("@/db");
  if (dataDir) return openPglite({ dataDir });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return openPostgres(url);
}

async function main() {
  const { deleteBenchOrganisation, storedCheckStats } = await import("@/db/queries/bench");
  const { seedBenchConnectors } = await import("./bench-seed");
  if (args["seed-only"]) {
    const [dir, origin] = args["seed-only"].split("|");
    const handle = await open(dir || null);
    await handle.migrate();
    process.stdout.write(await seedBenchConnectors(handle.db, { n: N, origin }));
    return handle.close();
  }

  const tmp = process.env.DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-bench-"));
  const dataDir = tmp && path.join(tmp, "pglite");
  const { child, origin } = await startServer();
  const orgId = execFileSync(
    process.execPath,
    [...process.execArgv, process.argv[1], "--n", String(N), "--seed-only", `${dataDir ?? ""}|${origin}`],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  ).trim();
  const { runHealthSweep } = await import("@/lib/checks/sweep");
  const { benchSystem } = await import("./bench-system");
  const handle = await open(dataDir);
  try {
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const report = await runHealthSweep(handle.db, {
      concurrency: CONCURRENCY,
      resolveSystem: (id) => (id === "bench" ? benchSystem : undefined),
      allowPrivateNetworks: true, // the vendor is on loopback
      hostKeyOf: (p) => p.credentials.url, // one host per store: the per-host cap must not be what limits this run
      timeBudgetMs: 600_000,
      retention: false,
    });
    const busy = performance.eventLoopUtilization(elu0).utilization;
    const cpu = process.cpuUsage(cpu0);
    const rssMb = process.resourceUsage().maxRSS / 1024;
    const { stored, avgLatencyMs: avg } = await storedCheckStats(handle.db, orgId);
    const floorMs = (N * DELAY_MS) / CONCURRENCY;
    const ratio = report.durationMs / floorMs;
    console.log(`driver          ${handle.driver}`);
    console.log(`connectors      ${N}, concurrency ${CONCURRENCY}, server delay ${DELAY_MS} ms`);
    console.log(
      `sweep           claimed ${report.claimed}, checked ${report.checked}, changed ${report.changed}, rows stored ${stored}`,
    );
    console.log(
      `elapsed         ${report.durationMs} ms, floor ${floorMs} ms: ${ratio.toFixed(3)} x floor ${ratio <= 1.15 ? "OK" : "MISSED (target <= 1.15)"}`,
    );
    console.log(
      `throughput      ${Math.round((report.checked / report.durationMs) * 1000)} checks/s (mean check latency ${avg} ms)`,
    );
    console.log(
      `CPU             main thread ${(busy * 100).toFixed(0)}% busy; ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s for the process (all its threads: on PGlite, the database's too; the vendor server is another process)`,
    );
    console.log(`peak RSS        ${rssMb.toFixed(0)} MB ${rssMb <= 400 ? "OK" : "MISSED (target <= 400 MB)"}`);
  } finally {
    child.kill();
    // A shared Postgres is left as found; the PGlite temp dir is simply removed.
    if (!dataDir) await deleteBenchOrganisation(handle.db, orgId);
    await handle.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
