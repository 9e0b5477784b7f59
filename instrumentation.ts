/** Next.js calls register() once when a server process starts (dev and production). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerOrExit } = await import("./lib/server-start");
  await startServerOrExit();
}
