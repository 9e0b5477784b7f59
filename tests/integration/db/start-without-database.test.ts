/**
 * The server starts while Postgres cannot be reached: it keeps running and answers 503, and once the database is
 * there the first request migrates it and gets its answer, with no restart.
 */
import net from "node:net";
import { useDbHandle } from "@/db";
import { adminQuery, freshName, postgresUrl, usePostgres } from "../../helpers/test-database";
import { captureLogs } from "../../helpers/captured-logs";
import { startTcpProxy, type TcpProxy } from "../../helpers/tcp-proxy";

const name = freshName();
let port = 0;

beforeAll(async () => {
  // A port nothing listens on (yet): the database's address, as the server reads it at start.
  const probe = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => probe.once("listening", resolve));
  port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/${name}`;
  process.env.HEALTHCHECK_CRON = "off";
  useDbHandle(undefined);
});
afterAll(async () => {
  // The server start may have scheduled jobs (node-cron): stop them, so none ticks after this file's environment is gone.
  const [{ stopHealthSchedule }, { stopNotificationSchedule }] = await Promise.all([
    import("@/lib/checks/schedule"),
    import("@/lib/notifications/schedule"),
  ]);
  await Promise.all([stopHealthSchedule(), stopNotificationSchedule()]);
  useDbHandle(undefined);
  if (usePostgres) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

const tokenRequest = async () => {
  const { POST } = await import("@/app/api/inbound/v1/token/route");
  const body = new URLSearchParams({ client_id: "pbc_0123456789abcdef", client_secret: "not-a-real-secret" });
  return POST(
    new Request("http://localhost/api/inbound/v1/token", {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
  );
};

it("keeps running without its database, answers 503, and serves (migrating first) once the database is there", async () => {
  const logged: string[] = [];
  const quiet = jest.spyOn(console, "error").mockImplementation((line: string) => void logged.push(line));
  const logs = captureLogs("warn");
  const exit = jest.spyOn(process, "exit").mockImplementation(() => {
    throw new Error("process.exit called");
  });
  try {
    const { startServerOrExit } = await import("@/lib/startup/server-start");
    await startServerOrExit();
    expect(exit).not.toHaveBeenCalled();
    expect(logged).toEqual([]);
    expect(logs.entries()).toEqual([
      expect.objectContaining({
        level: "error",
        msg: "server start",
        err: { type: "DatabaseError", code: "ECONNREFUSED", message: "database ECONNREFUSED network error" },
      }),
      expect.objectContaining({
        level: "warn",
        msg: "the database cannot be reached yet: requests answer 503 until it can; no restart needed",
      }),
    ]);

    const down = await tokenRequest();
    expect([down.status, down.headers.get("retry-after")]).toEqual([503, "30"]);
    if (!usePostgres) return; // the rest needs a Postgres server to come back

    // The database appears at that address (an empty one: the first request runs the migrations).
    await adminQuery(`CREATE DATABASE ${name}`);
    const target = new URL(postgresUrl);
    let proxy: TcpProxy | undefined;
    try {
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) }, port);
      const up = await tokenRequest();
      expect(up.status).toBe(401); // an unknown client: the database answered
    } finally {
      const { getDbHandle } = await import("@/db");
      await (await getDbHandle().catch(() => undefined))?.close();
      await proxy?.close();
    }
  } finally {
    quiet.mockRestore();
    logs.restore();
    exit.mockRestore();
  }
}, 60_000);
