// The embedded database's thread (see db/pglite-thread.ts). PGlite runs Postgres compiled to WASM: every statement is
// CPU work, and on the main thread it would block the event loop that serves requests and runs health checks.
// Plain JavaScript so Node loads it as it is, from `next start`, tsx scripts and Jest alike.
import v8 from "node:v8";
import { parentPort, workerData } from "node:worker_threads";

// Postgres's WASM stays on V8's baseline compiler (Liftoff). Left to tier up, V8 recompiles hot Postgres functions
// with TurboFan in background threads for minutes after each start: on 2 cores that steals the CPU the first health
// sweeps and page loads need, and the optimised code adds ~50 MB. Measured (npm run bench:sweep, 10,000 checks):
// 1.16-1.22x floor and 409-452 MB with tiering, 1.10-1.13x and 330-390 MB without. The price is CPU-heavy queries
// (a 200,000-row aggregate: 35 -> 65 ms); short statements, nearly all of this app's, run the same. The flag is
// process-wide and read when a module is compiled, so it is set before PGlite's module is loaded (dynamic import).
v8.setFlagsFromString("--liftoff-only");
const { PGlite, types, protocol, parse } = await import("@electric-sql/pglite");

// What drizzle's PGlite driver asks for (drizzle-orm/pglite/session.js): dates, times and intervals, and their
// arrays, stay text; drizzle maps them itself. Parsers are functions, so they are fixed here, not sent per query.
const asText = (value) => value;
const parsers = Object.fromEntries(
  [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((oid) => [
    oid,
    asText,
  ]),
);

/** Only Postgres's own error fields cross back: PGlite also attaches the query and its parameters, which may hold secrets. */
const PG_FIELDS = [
  "code",
  "severity",
  "detail",
  "hint",
  "position",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "routine",
];
function serialiseError(error) {
  const out = { message: error instanceof Error ? error.message : String(error), name: error?.name ?? "Error" };
  for (const key of PG_FIELDS) if (error?.[key] !== undefined) out[key] = error[key];
  return out;
}

const { dataDir, loadDataDir, startParams } = workerData;
const ready = PGlite.create({
  ...(dataDir ? { dataDir } : {}),
  ...(loadDataDir ? { loadDataDir: new Blob([loadDataDir]) } : {}),
  startParams,
});

/** The parameter types of each statement prepared under a name, learnt when it was prepared. */
const prepared = new Map();

/**
 * A statement the main thread named (db/statement-names.ts) runs as a prepared statement: parsed and described once,
 * then only bound and executed, where PGlite's query() parses, describes and plans it again each time. The same
 * extended-protocol messages, parameter serialisers and result parsing as query() (PGlite 0.5.16's runQuery;
 * re-check against it when upgrading PGlite: tests/integration/db/prepared-statements.test.ts compares the two).
 */
async function runPrepared(pg, name, text, params, options) {
  const exec = (message) => pg.execProtocolStream(message, { syncToFs: false });
  const { serialize } = protocol;
  const results = await pg.runExclusive(async () => {
    const messages = [];
    try {
      if (!prepared.has(name)) {
        await exec(serialize.parse({ name, text }));
        const described = await exec(serialize.describe({ type: "S", name }));
        prepared.set(name, described.find((m) => m.name === "parameterDescription")?.dataTypeIDs ?? []);
      }
      const types = prepared.get(name);
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serialise = pg.serializers[types[i]];
        return serialise ? serialise(value) : value.toString();
      });
      messages.push(...(await exec(serialize.bind({ statement: name, values }))));
      messages.push(...(await exec(serialize.describe({ type: "P" }))));
      messages.push(...(await exec(serialize.execute({}))));
    } finally {
      messages.push(...(await exec(serialize.sync())));
    }
    return messages;
  });
  await pg.syncToFs();
  return parse.parseResults(results, pg.parsers, options)[0];
}

async function handle(message) {
  const pg = await ready;
  switch (message.op) {
    case "query": {
      const options = { rowMode: message.rowMode, parsers };
      const { rows, fields, affectedRows } = message.name
        ? await runPrepared(pg, message.name, message.sql, message.params, options)
        : await pg.query(message.sql, message.params, options);
      return { rows, fields, affectedRows };
    }
    case "dump": {
      const dump = await pg.dumpDataDir("none");
      return new Uint8Array(await dump.arrayBuffer());
    }
    case "close":
      await pg.close();
      return null;
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

// One message at a time, in arrival order: the main thread relies on it to keep a transaction's statements together.
let queue = ready.then(
  () => parentPort.postMessage({ id: 0, result: null }),
  (error) => parentPort.postMessage({ id: 0, error: serialiseError(error) }),
);
parentPort.on("message", (message) => {
  queue = queue.then(() =>
    handle(message).then(
      (result) => parentPort.postMessage({ id: message.id, result }),
      (error) => parentPort.postMessage({ id: message.id, error: serialiseError(error) }),
    ),
  );
});
