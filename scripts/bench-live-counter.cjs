// Preloaded into the server by `npm run bench:live` (NODE_OPTIONS=--require): counts the statements the app sends to
// its database, on either driver (pg's Client.query; PGlite's "query" messages to its thread), and writes the count
// to BENCH_QUERY_COUNT_FILE on SIGUSR2. Measurement only: it changes no behaviour.
const fs = require("node:fs");
const { isMainThread, Worker } = require("node:worker_threads");

if (isMainThread && process.env.BENCH_QUERY_COUNT_FILE) {
  let count = 0;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.op === "query") count++;
    return post.call(this, message, ...rest);
  };
  try {
    const pg = require("pg");
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (...args) {
      count++;
      return query.apply(this, args);
    };
  } catch {
    // pg not installed: the embedded database only
  }
  process.on("SIGUSR2", () => fs.writeFileSync(process.env.BENCH_QUERY_COUNT_FILE, String(count)));
}
