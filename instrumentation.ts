/** Next.js calls register() once when a server process starts (dev and production). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The old generation grows to 2x its live size, not up to V8's 4x: a large sweep's peak (lib/startup/heap-growth.ts).
  const { setHeapGrowingFactor } = await import("./lib/startup/heap-growth");
  setHeapGrowingFactor();
  // What Next.js itself logs of a thrown error: one line, no statement, parameters or (in production) stack.
  const { installQuietConsole } = await import("./lib/log");
  installQuietConsole();
  // Before the first request: stamps each request with its socket address for the sign-in throttle.
  const { installPeerAddressHook } = await import("./lib/auth/client-address");
  installPeerAddressHook();
  // Before the first request: TRACE is answered 405 here (Next.js would answer it 500, on every path).
  const { installForbiddenMethodGuard } = await import("./lib/http/forbidden-methods");
  installForbiddenMethodGuard();
  const { startServerOrExit } = await import("./lib/startup/server-start");
  await startServerOrExit();
}
