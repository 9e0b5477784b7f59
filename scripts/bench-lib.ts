/** What the benches that drive the production server share: a free loopback port, `next start`, and the machine line. */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** `next start` on loopback against PGLITE_DIR (embedded) or the inherited DATABASE_URL; no demo seed, no in-process cron. */
export function startNextServer(port: number, pgliteDir: string | null): ChildProcess {
  const env = {
    ...process.env,
    SEED_DEMO: "never",
    HEALTHCHECK_CRON: "off",
    APP_URL: `http://127.0.0.1:${port}`,
    ...(pgliteDir ? { PGLITE_DIR: pgliteDir } : {}),
  };
  // `node next start`, not `npx next start`: npx runs npm, then a shell, then the server, so the pid would be npm's.
  // The recorded pid must be the server itself (docs/operations.md, "Benchmarks").
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  child.once("exit", (code) => code && !child.killed && console.error(`server exited with ${code}`));
  return child;
}

export async function stopNextServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

export const machineLine = () =>
  `${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`;

/** Signs in through next-auth's credentials callback and returns the session cookie ("name=value"). */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${origin}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(res);
  const session = [...jar.keys()].find((k) => k.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`sign-in failed: HTTP ${res.status} ${await res.text()}`);
  return `${session}=${jar.get(session)}`;
}

/** CPU milliseconds (user + system) of these processes so far, from /proc (Linux; 0 where it cannot be read). */
export function processCpuMs(pids: number[]): Map<number, number> {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(pid, (Number(fields[11]) + Number(fields[12])) * tick); // utime, stime
    } catch {
      out.set(pid, 0);
    }
  }
  return out;
}
