import { randomBytes } from "node:crypto";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { GET as getConnectors } from "@/app/api/v1/connectors/route";
import { POST as postSyncRuns } from "@/app/api/v1/sync-runs/route";
import { GET as ping } from "@/app/api/inbound/v1/ping/route";
import { POST as tokenRoute } from "@/app/api/inbound/v1/token/route";
import { GET as cronHealth } from "@/app/api/cron/health/route";
import { createApiToken } from "@/lib/api-tokens/manage";
import { checkConnector } from "@/lib/checks/check-connector";
import { runHealthSweep } from "@/lib/checks/sweep";
import { createConnector as createAppConnector } from "@/lib/connectors/create";
import { vendorText } from "@/lib/health/vendor-text";
import { issueInboundClient } from "@/lib/inbound-api/clients";
import { log, logError } from "@/lib/log";
import { call } from "../api/api-fixtures";
import { type AuthServer, startAuthServer } from "../../helpers/auth-server";
import { type CapturedLogs, captureLogs } from "../../helpers/captured-logs";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";
import { fakeSystem } from "../../helpers/fake-systems";
import { leakedIn } from "../../helpers/secret-leaks";
import { type Emulator, startEmulator } from "../../helpers/vendor-mock";

/**
 * Every log line written while the flows that handle secrets run, captured from the logger's own output (the JSON
 * lines production writes), at the most verbose level: none may hold an 8-character piece of a planted secret in any
 * encoding (tests/helpers/secret-leaks.ts). The flows run through the real route handlers, jobs and checks.
 */
const db = useTestDb();
const planted: string[] = [];
const plant = (prefix: string) => {
  const secret = `${prefix}_${randomBytes(18).toString("base64url")}`;
  planted.push(secret);
  return secret;
};

let logs: CapturedLogs | undefined;
const lines: string[] = [];
let vendor: Emulator;
let auth: AuthServer;

const SECRET_FIELDS = ["token", "password", "clientSecret", "refreshToken", "apiKey"] as const;
// A system whose vendor refuses every credential and echoes all of them back in its error text, in its hint, and
// in a header; the probe passes that text on as vendors' text is passed on.
const echoing = fakeSystem({
  authTypes: [
    {
      id: "token",
      label: "Token",
      fields: [
        { key: "url", label: "URL", help: "Where to send the request.", secret: false, kind: "url" },
        ...SECRET_FIELDS.map((key) => ({
          key,
          label: key,
          help: "A secret.",
          secret: true,
          kind: "password" as const,
          required: false,
        })),
      ],
    },
  ],
  probe: async ({ credentials: c, http }) => {
    const res = await http.request(c.url, {
      headers: {
        authorization: `Bearer ${c.token}`,
        "x-secrets": Buffer.from(SECRET_FIELDS.map((k) => c[k] ?? "").join(" ")).toString("base64"),
      },
    });
    const said = res.json<{ error?: { message?: unknown } }>()?.error;
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      httpStatus: res.status,
      message: `The vendor refused (${vendorText(said?.message, 400) ?? "no text"}).`,
    };
  },
});
const config = { resolveSystem: () => echoing, allowPrivateNetworks: true, timeoutMs: 2000 };

beforeAll(async () => {
  vendor = await startEmulator((req, res) => {
    const secrets = Buffer.from(String(req.headers["x-secrets"] ?? ""), "base64").toString("utf8");
    const text = `bad credentials ${String(req.headers.authorization)} ${secrets}`;
    res.writeHead(401, { "content-type": "application/json", "www-authenticate": text.replace(/[^\x20-\x7e]/g, "") });
    res.end(JSON.stringify({ error: { message: text } }));
  });
  auth = await startAuthServer();
  logs = captureLogs("trace");
});
afterAll(async () => {
  logs?.restore();
  await vendor.close();
  await auth.close();
});

describe("no secret reaches a log line", () => {
  it("connector credentials in several shapes: a sweep, Check now and a save check, the vendor echoing them", async () => {
    const org = await createOrganisation(db());
    const shapes: Record<string, string>[] = [
      { token: plant("tok") },
      { password: plant("pwd"), token: plant("tok") },
      { clientSecret: plant("cs"), refreshToken: plant("rt") },
      { apiKey: plant("key") },
    ];
    const made: { id: string }[] = [];
    for (const [i, creds] of shapes.entries())
      made.push(
        await createConnector(db(), org.orgId, {
          systemId: `fake-leak-${i}-${randomBytes(3).toString("hex")}`,
          authType: "token",
          credentials: { url: `${vendor.origin}/me`, ...creds },
        }),
      );
    // A stored connector whose credentials break the field rules: the sweep logs an error for it.
    await createConnector(db(), org.orgId, {
      systemId: `fake-broken-${randomBytes(3).toString("hex")}`,
      authType: "token",
      credentials: { url: "not a url", token: plant("brk") },
    });

    const report = await runHealthSweep(db(), { ...config, perHost: 100, concurrency: 10, retention: false });
    expect(report.claimed).toBeGreaterThanOrEqual(5);

    const now = await checkConnector(
      db(),
      { orgId: org.orgId, connectorId: made[1].id },
      { mode: "now", actor: org.admin, config },
    );
    expect(now.result.reason).toBe("invalid_credentials");

    const save = await checkConnector(
      db(),
      {
        orgId: org.orgId,
        system: echoing,
        authType: "token",
        credentials: { url: `${vendor.origin}/me`, token: plant("new"), refreshToken: plant("nrt") },
      },
      { mode: "save", config },
    );
    expect(save.result.status).toBe("auth_failed");

    const summary = parsed().find((l) => l.msg === "health sweep finished");
    expect(summary).toMatchObject({ level: "info", job: "health-sweep", claimed: report.claimed, errors: 1 });
    expect(summary?.byStatus).toMatchObject({ auth_failed: 4 });
    expect(summary?.runId).toEqual(expect.any(String));
    expect(parsed().filter((l) => l.msg === "check finished" && l.connectorId === made[0].id)).not.toHaveLength(0);
    expect(parsed().find((l) => l.job === "check-now")).toMatchObject({ orgId: org.orgId, connectorId: made[1].id });
  });

  it("a sign-in with a wrong password, then a right one and the session cookie it sets", async () => {
    const org = await createOrganisation(db());
    const jar = auth.jar();
    const wrong = plant("wrongpw");
    expect((await auth.signIn(jar, org.email, wrong)).ok).toBe(false);
    expect(await auth.signIn(jar, org.email, "correct horse battery")).toEqual({ ok: true, error: null });
    for (const value of jar.values()) planted.push(value);
    expect((await auth.session(jar)).user?.id).toBe(org.admin.id);
    expect(
      parsed()
        .filter((l) => l.msg === "sign-in")
        .map((l) => l.outcome),
    ).toEqual(["refused", "signed in"]);
  });

  it("an API token on /api/v1 with a bad request and a request id; a cron secret; cookies and odd headers", async () => {
    const org = await createOrganisation(db());
    const { token } = await createApiToken(db(), org.admin, { name: "Engine" });
    planted.push(token);
    const cookie = `next-auth.session-token=${plant("cookie")}`;
    const bad = await call(postSyncRuns, "/api/v1/sync-runs", {
      method: "POST",
      token,
      json: { runs: [{ nonsense: plant("body") }] },
      headers: { cookie, "x-request-id": "req-from-client-0001" },
    });
    expect(bad.status).toBe(422);
    const bogus = await call(getConnectors, "/api/v1/connectors", { token: plant("pb_bogus"), headers: { cookie } });
    expect(bogus.status).toBe(401);
    const good = await call(getConnectors, `/api/v1/connectors?cursor=${plant("cur")}`, { token });
    expect(good.status).toBe(400);

    const requestLines = parsed().filter((l) => l.msg === "request" && l.route === "api sync-runs.ingest");
    expect(requestLines).toEqual([expect.objectContaining({ status: 422, orgId: org.orgId, method: "POST" })]);
    // Not behind a trusted proxy (TRUSTED_PROXY_HOPS=0): the client's id is replaced by one of our own.
    expect(requestLines[0].requestId).not.toBe("req-from-client-0001");

    const cron = await cronHealth(
      new Request("http://x/api/cron/health", { headers: { authorization: `Bearer ${plant("cronguess")}` } }),
    );
    expect(cron.status).toBe(401);
    expect(cron.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9-]{8,64}$/);
  });

  it("an inbound API client secret, right and wrong, and the access token it buys", async () => {
    const org = await createOrganisation(db());
    const { id } = await createAppConnector(db(), org.admin, {
      systemId: "inbound-api",
      authType: "platform",
      environment: "live",
      name: "Orders in",
      timeZone: "UTC",
      dateFormat: "yyyy-MM-dd HH:mm",
      saveOffline: false,
      credentials: {},
    });
    const { clientId, secret } = await issueInboundClient(db(), org.admin, { connectorId: id });
    planted.push(secret);
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const exchange = (s: string) =>
      tokenRoute(
        new Request("http://x/api/inbound/v1/token", {
          method: "POST",
          headers: form,
          body: `grant_type=client_credentials&client_id=${clientId}&client_secret=${encodeURIComponent(s)}`,
        }),
      );
    const ok = await exchange(secret);
    expect(ok.status).toBe(200);
    const { access_token } = (await ok.json()) as { access_token: string };
    planted.push(access_token);
    expect((await exchange(plant("wrongcs"))).status).toBe(401);
    const pinged = await ping(
      new Request("http://x/api/inbound/v1/ping", { headers: { authorization: `Bearer ${access_token}` } }),
    );
    expect(pinged.status).toBe(200);
    expect(pinged.headers.get("x-request-id")).toEqual(expect.any(String));
  });

  it("fields named for secrets are redacted, and a failed query is logged by its code only", () => {
    const s = plant("direct");
    log.info(
      {
        headers: { authorization: `Bearer ${s}`, cookie: s, "set-cookie": s, "x-api-key": s },
        req: { headers: { authorization: s, cookie: s } },
        password: s,
        token: s,
        secret: s,
        apiKey: s,
        clientSecret: s,
        refreshToken: s,
        accessToken: s,
        credentials: { anything: s, nested: { deeper: s } },
        connector: { credentials: { token: s }, token: s },
      },
      "fields that must not print",
    );
    const cause = Object.assign(new Error(`duplicate key value (${s})`), { code: "23505", severity: "ERROR" });
    logError("a query", new DrizzleQueryError(`update users set password_hash = $1`, [s], cause));
    const [redacted, failed] = parsed().slice(-2);
    expect(redacted).toMatchObject({ password: "[redacted]", headers: { authorization: "[redacted]" } });
    expect(failed).toMatchObject({
      level: "error",
      msg: "a query",
      err: { type: "DatabaseError", code: "23505", message: "database 23505 unique violation" },
    });
    expect(JSON.stringify(failed)).not.toMatch(/password_hash|\n\s+at /);
  });

  afterAll(() => {
    parsed();
    // The scan itself: each planted value, every captured line (run last, over the lines of every test above).
    expect(lines.length).toBeGreaterThan(15);
    const leaks = lines.flatMap((line) => {
      const pieces = leakedIn(line, planted);
      return pieces.length ? [`${pieces.join(", ")} in ${line}`] : [];
    });
    expect(leaks).toEqual([]);
  });
});

function parsed() {
  lines.splice(0, lines.length, ...(logs?.lines ?? []));
  return logs?.entries() ?? [];
}
