import v8 from "node:v8";

/**
 * How far V8 lets the old generation grow past what survived its last full collection: +100 %, that is 2x.
 *
 * Left to itself, V8 picks the factor at each full collection from how fast it collects against how fast the program
 * allocates: 1.1x on an idle server, up to 4x on a machine with gigabytes of memory under heavy allocation (2x is its
 * most on a small-memory device; docs/operations.md, "Memory"). The setting replaces that choice. A health sweep at
 * 1,000 checks in flight makes exactly the garbage that reaches the old generation (each check's objects outlive two
 * young collections while the vendor answers), so a 100,000-connector sweep on the embedded database peaked at
 * 455-460 MB with a live heap of ~60 MB, and at 352-363 MB with 2x, for the same CPU per connector
 * (npm run bench:sweep -- --table, 2 runs of each). The setting is process-wide, so page rendering runs with it too:
 * bench:summary's CPU per request did not move.
 */
const HEAP_GROWING_PERCENT = 100;

/**
 * Sets the old generation's growing factor for this process (instrumentation.ts at server start; bench:sweep, which
 * runs the sweep outside the server). V8 reads the setting at each full collection, so it applies from the next one.
 * An operator's own `node --heap-growing-percent=…` is kept.
 */
export function setHeapGrowingFactor(): void {
  if (process.execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
