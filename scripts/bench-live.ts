/**
 * `npm run bench:live [-- --tabs 20 --seconds 60 --no-build]`: what open pages cost the server while they keep
 * themselves current (components/live). Builds the app (skip with --no-build), seeds the demo organisation into a temp
 * embedded database or DATABASE_URL (use a dedicated database: its transaction count is read), starts `next start`
 * (no in-process sweep), signs each tab in with a session of its own, and runs what the tabs' refresh loops send:
 * half the tabs on the connector list (GET /api/live), half on a connector's summary (GET /api/live?connector=…), one
 * poll per tab every 10 s at a random phase, for the given time, with nothing changing. Prints the server process's
 * CPU seconds per minute (/proc/<pid>/stat, all its threads: the embedded database's included), the statements it
 * sent to its database per minute (counted in the server by scripts/bench-live-counter.mjs; on Postgres also the
 * database's committed transactions, pg_stat_database) and the polls' latency. Then the cost of one status change:
 * every tab fetches its page once, as router.refresh() does.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { freePort, machineLine, NEXT_BIN, signIn, startNextServer, stopNextServer } from "./bench-lib";

const { values: args } = parseArgs({
  options: {
    tabs: { type: "string", default: "20" },
    seconds: { type: "string", default: "60" },
    interval: { type: "string", default: "10" },
    "no-build": { type: "boolean", default: false },
  },
});
const [TABS, SECONDS, INTERVAL_S] = [args.tabs, args.seconds, args.interval].map(Number);
process.env.CONNECTOR_SECRETS_KEY ??= randomBytes(32).toString("base64");
process.env.AUTH_SECRET ??= randomBytes(32).toString("hex");
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TICKS = 100; // USER_HZ: clock ticks per second in /proc on Linux

/** utime + stime of a process and all its threads, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS; // fields 14 and 15 of proc(5), counted from 3
}

async function main() {
  if (!args["no-build"]) execFileSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit" });
  const { openPglite, openPostgres } = await import("@/db");
  const { seedDemo } = await import("@/lib/seed/seed-demo");
  const { DEMO_ORG, DEMO_PASSWORD, DEMO_USERS } = await import("@/lib/seed/demo-data");
  const { committedTransactions, findDemoOrganisationId, listOrganisationConnectorIds } =
    await import("@/db/queries/bench-live");
  const databaseUrl = process.env.DATABASE_URL;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-live-"));
  const pgliteDir = databaseUrl ? null : path.join(tmp, "pglite");
  const countFile = path.join(tmp, "queries");

  log(`machine         ${machineLine()}`);
  log(`database        ${pgliteDir ? "embedded PGlite" : "Postgres (DATABASE_URL)"}`);
  const handle = await (pgliteDir ? openPglite({ dataDir: pgliteDir }) : openPostgres(databaseUrl ?? ""));
  await handle.migrate();
  const seeded = await seedDemo(handle.db);
  const orgId = await findDemoOrganisationId(handle.db, DEMO_ORG);
  if (!orgId) throw new Error("the demo organisation is missing");
  const connectorIds = await listOrganisationConnectorIds(handle.db, orgId);
  if (pgliteDir) await handle.close(); // one process per directory: the server opens it next

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --import ${pathToFileURL(path.resolve("scripts/bench-live-counter.mjs")).href}`;
  process.env.BENCH_QUERY_COUNT_FILE = countFile;
  const server = startNextServer(port, pgliteDir);
  const pid = server.pid;
  if (pid === undefined) throw new Error("the server did not start");
  const queries = async () => {
    process.kill(pid, "SIGUSR2");
    for (let i = 0; i < 50 && !fs.existsSync(countFile); i++) await sleep(20);
    await sleep(50);
    const n = Number(fs.readFileSync(countFile, "utf8"));
    fs.rmSync(countFile);
    return n;
  };
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${origin}/login`)).ok) break;
      } catch (error) {
        if (i > 600) throw error;
      }
      await sleep(100);
    }
    // Each tab signs in on its own (a browser's tabs share one cookie; separate sessions cost the server the same).
    const tabs: { cookie: string; connectorId?: string }[] = [];
    for (let i = 0; i < TABS; i++) {
      const user = DEMO_USERS[i % DEMO_USERS.length];
      const connectorId = i % 2 === 0 ? undefined : connectorIds[i % connectorIds.length];
      tabs.push({ cookie: await signIn(origin, user.email, DEMO_PASSWORD), connectorId });
    }
    const liveUrl = (t: (typeof tabs)[number]) =>
      `${origin}/api/live${t.connectorId ? `?connector=${t.connectorId}` : ""}`;
    const pageUrl = (t: (typeof tabs)[number]) => `${origin}/connectors${t.connectorId ? `/${t.connectorId}` : ""}`;
    // Warm up: every route and page compiled and cached once.
    for (const t of tabs.slice(0, 2)) {
      await fetch(liveUrl(t), { headers: { cookie: t.cookie } }).then((r) => r.text());
      await fetch(pageUrl(t), { headers: { cookie: t.cookie } }).then((r) => r.text());
    }
    await sleep(2_000);

    const pgBefore = pgliteDir ? 0 : await committedTransactions(handle.db);
    const [cpu0, q0, t0] = [cpuSeconds(pid), await queries(), performance.now()];
    const latencies: number[] = [];
    const versions = new Set<string>();
    let failures = 0;
    const end = t0 + SECONDS * 1000;
    await Promise.all(
      tabs.map(async (t) => {
        await sleep(Math.random() * INTERVAL_S * 1000);
        while (performance.now() < end) {
          const start = performance.now();
          const res = await fetch(liveUrl(t), { headers: { cookie: t.cookie } });
          const body = (await res.json()) as { version?: string };
          latencies.push(performance.now() - start);
          if (res.status !== 200 || !body.version) failures++;
          else versions.add(body.version);
          await sleep(INTERVAL_S * 1000 - (performance.now() - start));
        }
      }),
    );
    const minutes = (performance.now() - t0) / 60_000;
    const [cpu1, q1] = [cpuSeconds(pid), await queries()];
    const pgAfter = pgliteDir ? 0 : await committedTransactions(handle.db);
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];

    log(
      `tabs            ${TABS} (${Math.ceil(TABS / 2)} on the list, ${Math.floor(TABS / 2)} on a summary), one poll each every ${INTERVAL_S} s, ${SECONDS} s`,
    );
    log(
      `polls           ${latencies.length} (${(latencies.length / minutes).toFixed(0)}/min), ${failures} failed, p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms`,
    );
    log(
      `server CPU      ${((cpu1 - cpu0) / minutes).toFixed(2)} s per minute (${(((cpu1 - cpu0) / minutes / 60) * 100).toFixed(1)} % of one core)`,
    );
    log(
      `queries         ${((q1 - q0) / minutes).toFixed(0)} per minute (${((q1 - q0) / latencies.length).toFixed(2)} per poll)`,
    );
    if (!pgliteDir)
      log(
        `pg transactions ${((pgAfter - pgBefore - 1) / minutes).toFixed(0)} per minute (pg_stat_database xact_commit + xact_rollback)`,
      );

    // One status change: every tab re-renders its page once (router.refresh() fetches the page's RSC payload).
    const [cpu2, q2] = [cpuSeconds(pid), await queries()];
    let bytes = 0;
    await Promise.all(
      tabs.map(async (t) => {
        const res = await fetch(pageUrl(t), { headers: { cookie: t.cookie, rsc: "1" } });
        bytes += (await res.arrayBuffer()).byteLength;
        if (res.status !== 200) failures++;
      }),
    );
    const [cpu3, q3] = [cpuSeconds(pid), await queries()];
    log(
      `one change      every tab refreshes once: ${(cpu3 - cpu2).toFixed(2)} s CPU, ${q3 - q2} queries, ${(bytes / 1024).toFixed(0)} KB sent in all`,
    );
    if (failures) throw new Error(`${failures} requests failed`);
  } finally {
    await stopNextServer(server);
    if (!pgliteDir) {
      // Only what this run seeded: an existing demo organisation stays.
      if (seeded) await (await import("@/db/queries/bench")).deleteBenchOrganisation(handle.db, orgId);
      await handle.close();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
