/**
 * `npm run bench:sweep [-- --n 10000 --concurrency 200 --delay 100]`: seeds N connectors of a bench-only system
 * pointing at a local server (another process) that answers after `delay` ms, runs a bare undici loop (same N,
 * concurrency, delay and server, no database: the floor on this machine, in this run), then one sweep, and prints
 * sweep / bare loop, elapsed / floor (N x delay / concurrency), the cost per connector (CPU of the sweeping process,
 * plus the Postgres backends' on Postgres) and the peak RSS sampled during the sweep. The default concurrency is
 * max(200, N / 100): 200 up to 20,000 connectors, 1,000 for 100,000. `--table` runs 1,000, 10,000 and 100,000, each
 * in a fresh process, and prints them side by side. Embedded PGlite in a temp dir, or DATABASE_URL.
 * Seeding and each bare loop run in child processes, so the peak RSS printed is the sweep's own (PGlite's initdb alone
 * peaks far higher, and 1,000 concurrent requests of the loop would leave their heap behind). `--profile <path>`
 * writes a CPU profile of each round's sweep and bare loop.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Session } from "node:inspector/promises";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";
import { machineLine, processCpuMs } from "./bench-lib";

const { values: args } = parseArgs({
  options: {
    n: { type: "string", default: "10000" },
    concurrency: { type: "string" },
    delay: { type: "string", default: "100" },
    rounds: { type: "string", default: "3" },
    table: { type: "boolean", default: false },
    "seed-only": { type: "string" }, // internal: the child that seeds; value = "<pglite dir>|<origin>"
    "bare-loop": { type: "string" }, // internal: the child that runs the bare loop; value = "<origin>|<round>"
    json: { type: "boolean", default: false }, // internal: `--table`'s children also print their figures as JSON
    profile: { type: "string" }, // CPU profiles of each round's sweep and bare loop: <path>-<round>.cpuprofile, <path>-bare-<round>.cpuprofile
  },
});
// tsx turns on source-mapped stack traces; `next start` does not, and undici/streams read err.stack on every socket close.
process.setSourceMapsEnabled(false);
const N = Number(args.n);
const CONCURRENCY = Number(args.concurrency ?? Math.max(200, Math.round(N / 100)));
const DELAY_MS = Number(args.delay);
const ROUNDS = Number(args.rounds);
const TABLE_SIZES = [1000, 10_000, 100_000];
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

/** N GETs of the stores at `concurrency`, through one keep-alive pool like the sweep's: the floor of the sweep. */
async function bareLoop(origin: string, n: number, concurrency: number) {
  const agent = new Agent({ keepAliveTimeout: 4000, pipelining: 1 });
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      for (let i = next++; i < n; i = next++) {
        const res = await request(`${origin}/store-${i}`, {
          headers: { authorization: `Bearer bench-token-${i}` },
          dispatcher: agent,
        });
        await res.body.arrayBuffer();
        if (res.statusCode !== 200) throw new Error(`bare loop: HTTP ${res.statusCode}`);
      }
    }),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await agent.close();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * The bare loop in a process of its own (warm-up, then the measured loop), so the sweeping process's heap and peak RSS
 * are the sweep's alone and not what 1,000 concurrent requests of the loop left behind.
 */
function bareLoopInChild(origin: string, round: number): { ms: number; cpuMs: number } {
  const out = execFileSync(
    process.execPath,
    [
      ...process.execArgv,
      process.argv[1],
      "--n",
      String(N),
      "--concurrency",
      String(CONCURRENCY),
      "--bare-loop",
      `${origin}|${round}`,
      ...(args.profile ? ["--profile", args.profile] : []),
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  return JSON.parse(out) as { ms: number; cpuMs: number };
}

async function bareLoopChild(origin: string, round: string): Promise<void> {
  await bareLoop(origin, Math.min(N, 2000), CONCURRENCY); // warm-up: undici's code paths and the server's sockets
  const profiler = args.profile ? await startProfile() : undefined;
  const bare = await bareLoop(origin, N, CONCURRENCY);
  if (profiler && args.profile) await stopProfile(profiler, `${args.profile}-bare-${round}.cpuprofile`, false);
  process.stdout.write(JSON.stringify(bare));
}

/** `--profile`: V8's sampling profiler over one sweep only, through the inspector (open in Chrome DevTools). */
async function startProfile(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  return session;
}

async function stopProfile(session: Session, file: string, say = true): Promise<void> {
  const { profile } = await session.post("Profiler.stop");
  fs.writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
  if (say) console.log(`  profile       ${file}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

interface Figures {
  driver: string;
  n: number;
  concurrency: number;
  sweepMs: number;
  bareMs: number;
  floorMs: number;
  /** CPU per connector in µs: the sweeping process (on PGlite, its database thread too) and the Postgres backends. */
  cpuUs: number;
  dbCpuUs: number | null;
  bareCpuUs: number;
  peakRssMb: number;
  maxRssMb: number;
  checked: number;
  stored: number;
}

async function sweepRounds(): Promise<Figures[]> {
  // As the server does at start (instrumentation.ts): the sweep is measured with the heap settings it runs with.
  const { setHeapGrowingFactor } = await import("@/lib/startup/heap-growth");
  setHeapGrowingFactor();
  const { databaseBackendPids, deleteBenchOrganisation, makeBenchConnectorsDue, storedCheckStats } =
    await import("@/db/queries/bench");
  const tmp = process.env.DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-bench-"));
  const dataDir = tmp && path.join(tmp, "pglite");
  const { child, origin } = await startServer();
  const seedStarted = performance.now();
  const orgId = execFileSync(
    process.execPath,
    [...process.execArgv, process.argv[1], "--n", String(N), "--seed-only", `${dataDir ?? ""}|${origin}`],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  ).trim();
  const seedMs = performance.now() - seedStarted;
  const { runHealthSweep } = await import("@/lib/checks/sweep");
  const { openPostgres } = await import("@/db");
  const { benchSystem } = await import("./bench-system");
  const handle = await open(dataDir);
  const pg = handle.driver === "pg";
  const floorMs = (N * DELAY_MS) / CONCURRENCY;
  try {
    console.log(`machine         ${machineLine()}`);
    console.log(`driver          ${handle.driver}`);
    console.log(
      `connectors      ${N} (seeded in ${(seedMs / 1000).toFixed(1)} s), concurrency ${CONCURRENCY}, server delay ${DELAY_MS} ms, floor ${floorMs} ms`,
    );
    // The floor on this machine, in this run: the same requests with no database, no engine, no recording.
    await bareLoop(origin, Math.min(N, 2000), CONCURRENCY); // warm-up: undici's code paths (the sweep's too)
    const rounds: Figures[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) await makeBenchConnectorsDue(handle.db, orgId);
      const bare = bareLoopInChild(origin, round);
      const pids0 = pg ? processCpuMs(await databaseBackendPids(handle.db)) : new Map<number, number>();
      const before = process.memoryUsage();
      let peakRss = before.rss;
      let atPeak = before; // the breakdown at the highest RSS seen: what the memory is (heap, buffers, the rest)
      const sampler = setInterval(() => {
        const rss = process.memoryUsage.rss();
        if (rss > peakRss + 2 ** 20) atPeak = process.memoryUsage();
        peakRss = Math.max(peakRss, rss);
      }, 50);
      const profiler = args.profile ? await startProfile() : undefined;
      const lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
      const elu0 = performance.eventLoopUtilization();
      const cpu0 = process.cpuUsage();
      const report = await runHealthSweep(handle.db, {
        concurrency: CONCURRENCY,
        resolveSystem: (id) => (id === "bench" ? benchSystem : undefined),
        allowPrivateNetworks: true, // the vendor is on loopback
        hostKeyOf: (p) => p.credentials.url, // one host per store: the per-host cap must not be what limits this run
        timeBudgetMs: 600_000,
        retention: false,
      }).catch((err: unknown) => {
        // Said before the cleanup below runs (its own failure would hide this one).
        console.error(`round ${round}: the sweep failed: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      });
      const busy = performance.eventLoopUtilization(elu0).utilization;
      const cpu = process.cpuUsage(cpu0);
      lag.disable();
      if (profiler && args.profile) await stopProfile(profiler, `${args.profile}-${round}.cpuprofile`);
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      let dbCpuMs: number | null = null;
      if (pg) {
        const pids1 = processCpuMs(await databaseBackendPids(handle.db));
        dbCpuMs = [...pids1].reduce((sum, [pid, ms]) => sum + ms - (pids0.get(pid) ?? 0), 0);
      }
      const maxRssMb = process.resourceUsage().maxRSS / 1024;
      const peakRssMb = peakRss / 2 ** 20;
      const { stored, avgLatencyMs: avg } = await storedCheckStats(handle.db, orgId);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const vsBare = report.durationMs / bare.ms;
      const figures: Figures = {
        driver: handle.driver,
        n: N,
        concurrency: CONCURRENCY,
        sweepMs: report.durationMs,
        bareMs: Math.round(bare.ms),
        floorMs,
        cpuUs: Math.round((cpuMs * 1000) / N),
        dbCpuUs: dbCpuMs === null ? null : Math.round((dbCpuMs * 1000) / N),
        bareCpuUs: Math.round((bare.cpuMs * 1000) / N),
        peakRssMb: Math.round(peakRssMb),
        maxRssMb: Math.round(maxRssMb),
        checked: report.checked,
        stored,
      };
      rounds.push(figures);
      console.log(
        `round ${round}         ${round === 1 ? "first sweep: every connector new, unknown -> operational" : "steady state: connectors made due again, no status changes"}`,
      );
      console.log(
        `  sweep         claimed ${report.claimed}, checked ${report.checked}, changed ${report.changed}, check rows stored ${stored}`,
      );
      console.log(
        `  bare loop     ${figures.bareMs} ms: ${(bare.ms / floorMs).toFixed(3)} x floor, ${figures.bareCpuUs} µs CPU per request`,
      );
      console.log(
        `  sweep         ${report.durationMs} ms: ${(report.durationMs / floorMs).toFixed(3)} x floor, ${Math.round((report.checked / report.durationMs) * 1000)} checks/s (mean check latency ${avg} ms)`,
      );
      console.log(`  sweep / bare  ${vsBare.toFixed(3)} x ${vsBare <= 1.1 ? "OK" : "MISSED"} (target <= 1.10)`);
      console.log(
        `  cost          ${figures.cpuUs} µs CPU per connector in this process (main thread ${(busy * 100).toFixed(0)}% busy, event loop delay p99 ${(lag.percentile(99) / 1e6).toFixed(0)} ms${pg ? "" : "; PGlite's thread included"})` +
          (figures.dbCpuUs === null ? "" : ` + ${figures.dbCpuUs} µs in the Postgres backends`),
      );
      console.log(
        `  peak RSS      ${figures.peakRssMb} MB during the sweep (sampled every 50 ms; process maxRSS ${figures.maxRssMb} MB) ${peakRssMb < 400 ? "OK" : "MISSED"} (target < 400 MB)`,
      );
      const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
      console.log(
        `  memory        at the start ${mb(before.rss)} MB RSS (heap ${mb(before.heapUsed)}/${mb(before.heapTotal)} MB); at the peak heap ${mb(atPeak.heapUsed)}/${mb(atPeak.heapTotal)} MB, buffers ${mb(atPeak.arrayBuffers)} MB, other external ${mb(atPeak.external - atPeak.arrayBuffers)} MB`,
      );
    }
    const ratios = rounds.map((f) => f.sweepMs / f.bareMs);
    console.log(
      `sweep / bare    rounds ${ratios.map((r) => r.toFixed(3)).join(", ")}; median ${median(ratios).toFixed(3)} x ${median(ratios) <= 1.1 ? "OK" : "MISSED"} (target <= 1.10)`,
    );
    if (args.json) console.log(`BENCH_JSON ${JSON.stringify(rounds)}`);
    return rounds;
  } finally {
    child.kill();
    // A shared Postgres is left as found; the PGlite temp dir is simply removed.
    await handle.close();
    if (!dataDir) {
      // Removing 100,000 connectors outlasts the app's statement timeout the sweep ran with.
      const cleanup = await openPostgres(process.env.DATABASE_URL ?? "", {
        connect: 30,
        statement: 3600,
        idleInTransaction: 3600,
      });
      await deleteBenchOrganisation(cleanup.db, orgId);
      await cleanup.close();
    }
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** `--table`: 1k, 10k and 100k, each in its own process (a fresh heap and RSS), then the figures side by side. */
function table() {
  const sizes: Figures[][] = [];
  for (const n of TABLE_SIZES) {
    console.log(`\n--- ${n} connectors`);
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, process.argv[1], "--n", String(n), "--rounds", String(ROUNDS), "--json"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 2 ** 20 },
    );
    const lines = out.split("\n");
    console.log(lines.filter((l) => !l.startsWith("BENCH_JSON ") && !l.includes("health sweep finished")).join("\n"));
    const json = lines.find((l) => l.startsWith("BENCH_JSON "));
    if (!json) throw new Error(`no figures from the ${n} run`);
    sizes.push(JSON.parse(json.slice("BENCH_JSON ".length)) as Figures[]);
  }
  const cost = (f: Figures) => f.cpuUs + (f.dbCpuUs ?? 0);
  const medianCost = (rounds: Figures[]) => median(rounds.map(cost));
  const base = medianCost(sizes[0]);
  console.log(
    `\nmachine ${machineLine()}; driver ${sizes[0][0].driver}; server delay ${DELAY_MS} ms; ${ROUNDS} rounds each`,
  );
  console.log(
    "connectors | concurrency | floor ms | bare loop ms | sweep ms | sweep / bare (per round) | CPU µs per connector (median) | vs 1k | peak RSS MB",
  );
  for (const rounds of sizes) {
    const f = rounds[0];
    const c = medianCost(rounds);
    const db = f.dbCpuUs === null ? "" : ` (db ${median(rounds.map((r) => r.dbCpuUs ?? 0))})`;
    console.log(
      [
        f.n,
        f.concurrency,
        f.floorMs,
        rounds.map((r) => r.bareMs).join(", "),
        rounds.map((r) => r.sweepMs).join(", "),
        rounds.map((r) => `${(r.sweepMs / r.bareMs).toFixed(2)}x`).join(", "),
        `${c}${db}`,
        `${(c / base).toFixed(2)}x`,
        Math.max(...rounds.map((r) => r.peakRssMb)),
      ].join(" | "),
    );
  }
  const last = sizes[sizes.length - 1];
  const flat = medianCost(last) / base;
  const rss = Math.max(...last.map((r) => r.peakRssMb));
  console.log(
    `100k: cost per connector ${flat.toFixed(2)}x the 1k run's ${flat <= 1.1 ? "OK" : "MISSED"} (target <= 1.10), peak RSS ${rss} MB ${rss < 400 ? "OK" : "MISSED"} (target < 400 MB)`,
  );
}

async function main() {
  if (args.table) {
    table();
    return;
  }
  if (args["bare-loop"]) {
    const [origin, round] = args["bare-loop"].split("|");
    await bareLoopChild(origin, round);
    return;
  }
  if (args["seed-only"]) {
    const { seedBenchConnectors } = await import("./bench-seed");
    const { vacuumAnalyze } = await import("@/db/queries/bench");
    const [dir, origin] = args["seed-only"].split("|");
    const handle = await open(dir || null);
    await handle.migrate();
    const orgId = await seedBenchConnectors(handle.db, { n: N, origin });
    await vacuumAnalyze(handle.db, ["connectors", "company_groups"]); // what autovacuum would have done by now
    process.stdout.write(orgId);
    return handle.close();
  }
  await sweepRounds();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
