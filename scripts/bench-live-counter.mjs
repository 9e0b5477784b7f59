// Preloaded into the server by `npm run bench:live` (NODE_OPTIONS=--import): counts the statements the app sends to
// its database, on either driver (pg's Client.query; PGlite's "query" messages to its thread), and writes the count
// to BENCH_QUERY_COUNT_FILE on SIGUSR2. Measurement only: it changes no behaviour.
import fs from "node:fs";
import { isMainThread, Worker } from "node:worker_threads";

if (isMainThread && process.env.BENCH_QUERY_COUNT_FILE) {
  const file = process.env.BENCH_QUERY_COUNT_FILE;
  let count = 0;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message?.op === "query") count++;
    return post.call(this, message, ...rest);
  };
  try {
    // The same module instance the server loads (pg is external to the Next.js bundles).
    const pg = (await import("pg")).default;
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (...args) {
      count++;
      return query.apply(this, args);
    };
  } catch {
    // pg not installed: the embedded database only
  }
  process.on("SIGUSR2", () => fs.writeFileSync(file, String(count)));
}
