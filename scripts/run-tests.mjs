#!/usr/bin/env node
// `npm test`: the whole suite. Jest (server + components) on the embedded database, or on Postgres when
// TEST_DATABASE_URL / DATABASE_URL is set; then, when Chromium is present (always in CI), the browser tests against
// the production build. Ends with one line "tests: N passed, N failed" and a non-zero exit on any failure.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

// `--e2e-only`: the browser tests alone (npm run test:e2e); `--no-e2e`: everything but them (CI runs the two parts
// apart: the Jest runs of the two databases one after the other, their browser tests side by side).
const e2eOnly = process.argv.includes("--e2e-only");
const noE2e = process.argv.includes("--no-e2e");
// CI's second database (.ci/run): only what can differ between the databases runs again. That is every integration
// test, and the browser tests of what runs in the app server over time (sweeps, live updates, notifications,
// incidents, resync, the connector wizard's checks, what the server logs). Not repeated: the unit tests (none opens a
// database), the component tests (jsdom), the browser tests of markup, headers and HTTP limits alone (accessibility,
// layout widths, response headers, forms, input limits), and the browser flows whose database work is the
// integration tests' own (accounts and sessions: tests/integration/accounts; the API contract: api/openapi).
const databaseDependentOnly = process.env.TESTS_DATABASE_DEPENDENT_ONLY === "1";
const SECOND_DATABASE_SKIPS_E2E = "(a11y|responsive|headers|forms|input-limits|accounts|sessions|openapi)\\.e2e\\.ts$";
// Anything else on the command line goes to Jest, e.g. `npm run test:e2e -- tests/e2e/connectors`.
const jestArgs = process.argv.slice(2).filter((a) => a !== "--e2e-only" && a !== "--no-e2e");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const wantE2e = !noE2e && (e2eOnly || fs.existsSync(chromium) || process.env.CI === "true");
const dbUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "";
// The browser tests' artefacts (screenshots, the server's log, the accessibility counts), one directory per database:
// CI runs the two databases side by side.
const resultsDir = path.resolve("test-results", dbUrl ? "postgres" : "pglite");
const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const jestBin = ["--experimental-vm-modules", "--disable-warning=ExperimentalWarning", "node_modules/jest/bin/jest.js"];
const totals = { passed: 0, failed: 0 };
let failedStep = false;

function runJest(args, env) {
  const out = path.join(os.tmpdir(), `patchbay-jest-${randomBytes(4).toString("hex")}.json`);
  const result = spawnSync(process.execPath, [...jestBin, ...args, "--json", `--outputFile=${out}`], {
    stdio: "inherit",
    env,
  });
  try {
    const report = JSON.parse(fs.readFileSync(out, "utf8"));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
    fs.rmSync(out);
  } catch {
    totals.failed += 1; // Jest did not even report: count it as a failure
  }
  if (result.status !== 0) failedStep = true;
}

const freePort = () =>
  new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet: try again
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not answer ${url} within ${ms / 1000}s`);
}

/** A fresh database for the browser tests' server: a new Postgres database, or a new embedded data dir. */
async function e2eDatabase() {
  if (!dbUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-e2e-"));
    return {
      env: { DATA_DIR: dataDir, SEED_DEMO: "auto" },
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `pb_e2e_${randomBytes(4).toString("hex")}`;
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(dbUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), SEED_DEMO: "always" },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function runE2e() {
  // E2E_REUSE_BUILD=1 (CI, which builds once for both databases): the build does not depend on the database, so the
  // one in .next is used, and a missing one is a failure rather than a second build racing the other run's.
  const reuse = process.env.E2E_REUSE_BUILD === "1";
  console.log(`\n▶ browser tests: ${reuse ? "reusing the production build in .next" : "building the production app"}`);
  const build = reuse
    ? { status: fs.existsSync(".next/BUILD_ID") ? 0 : 1 }
    : spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
        stdio: "inherit",
        env: { ...baseEnv, NODE_ENV: "production" },
      });
  if (reuse && build.status !== 0)
    console.error("E2E_REUSE_BUILD=1 but .next holds no production build (npm run build).");
  if (build.status !== 0) {
    totals.failed += 1;
    failedStep = true;
    return;
  }
  const port = await freePort();
  // The notifications browser test runs its own SMTP server on this port; the app sends there.
  const smtpPort = await freePort();
  const database = await e2eDatabase();
  const serverEnv = {
    ...baseEnv,
    ...database.env,
    NODE_ENV: "production",
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    CONNECTOR_SECRETS_KEY: randomBytes(32).toString("base64"),
    CRON_SECRET: randomBytes(24).toString("base64url"),
    HEALTHCHECK_ALLOW_PRIVATE_NETWORKS: "true",
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    // The shortest interval allowed, so a browser test sees a connector re-checked by the next sweeps it triggers.
    HEALTHCHECK_INTERVAL: "30",
  };
  const logFile = path.join(resultsDir, "e2e-server.log");
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, "w");
  const server = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: serverEnv,
      stdio: ["ignore", log, log],
    },
  );
  try {
    await waitFor(`http://127.0.0.1:${port}/login`, 120_000);
    const skip = databaseDependentOnly ? ["--testPathIgnorePatterns", SECOND_DATABASE_SKIPS_E2E] : [];
    runJest(["-c", "jest.e2e.config.mjs", ...skip, ...jestArgs], {
      ...serverEnv,
      E2E_BASE_URL: `http://127.0.0.1:${port}`,
      E2E_RESULTS: resultsDir,
      E2E_SMTP_PORT: String(smtpPort),
      CHROMIUM_PATH: chromium,
    });
  } catch (error) {
    console.error(`browser tests could not start: ${error.message} (server log: ${logFile})`);
    totals.failed += 1;
    failedStep = true;
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await database.drop();
  }
}

if (!e2eOnly) {
  console.log(`▶ unit, integration and component tests on ${dbUrl ? "Postgres" : "the embedded database (PGlite)"}`);
  runJest(
    [...(databaseDependentOnly ? ["--selectProjects", "server", "tests/integration/"] : []), ...jestArgs],
    baseEnv,
  );
}
if (wantE2e) {
  if (!fs.existsSync(chromium)) {
    console.error(`Chromium not found at ${chromium}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
    totals.failed += 1;
    failedStep = true;
  } else await runE2e();
} else if (!noE2e)
  console.log("\n(browser tests skipped: Chromium not installed; `apt-get install chromium` to run them)");

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedStep || totals.failed > 0 ? 1 : 0);
