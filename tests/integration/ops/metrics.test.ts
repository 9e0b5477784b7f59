/**
 * GET /api/metrics against a seeded database: off without METRICS_TOKEN, 401 without the right bearer token, and
 * the Prometheus text's figures equal the seed (connectors by status/system/environment, due connectors and lag,
 * outbox backlog by channel) and the process counters the real code paths increment.
 */
import "./metrics-token";
import { sql } from "drizzle-orm";
import { companyGroups, connectors, outbox } from "@/db/schema";
import { GET } from "@/app/api/metrics/route";
import { authenticate } from "@/lib/auth/sign-in";
import { runHealthSweep } from "@/lib/checks/sweep";
import { handleMetrics } from "@/lib/metrics/scrape";
import { deliverOutbox } from "@/lib/notifications/deliver";
import { ingestSyncRuns } from "@/lib/sync-ingest/ingest";
import { useTestDb } from "../../helpers/db";
import { createOrganisation } from "../../helpers/factories";
import { addFakeConnectors, sweepWith } from "../../helpers/health";
import { scripted } from "../../helpers/fake-systems";
import { parsePrometheusText, sampleValue, type Sample } from "../../helpers/prometheus-text";
import { makeApiOrg } from "../api/api-fixtures";

const TOKEN = "metrics-token-for-route-tests-0123";
const db = useTestDb();
const scrape = (token?: string) =>
  GET(new Request("http://localhost/api/metrics", token ? { headers: { authorization: `Bearer ${token}` } } : {}));

type Seed = { status: "unknown" | "operational" | "unreachable" | "auth_failed"; system: string; env: "live" | "test" };
// Several statuses, systems and environments; a company group holds one connector per system and environment.
const SEED: Seed[] = [
  { status: "operational", system: "shopify", env: "live" },
  { status: "operational", system: "shopify", env: "live" },
  { status: "operational", system: "shopify", env: "live" },
  { status: "operational", system: "shopify", env: "test" },
  { status: "unreachable", system: "netsuite", env: "live" },
  { status: "unreachable", system: "netsuite", env: "live" },
  { status: "auth_failed", system: "netsuite", env: "test" },
  { status: "unknown", system: "sftp", env: "live" },
];

describe("GET /api/metrics", () => {
  let samples: Sample[];
  const expected = new Map<string, number>();

  beforeAll(async () => {
    // Process counters through the real code paths: a sweep of 3 connectors that fail authentication, one ingested
    // batch, a throttled sign-in and a failed delivery.
    const org = await createOrganisation(db());
    await addFakeConnectors(db(), org.orgId, 3, (i) => ({ url: `https://vendor-${i}.example`, token: `t-${i}` }));
    const failing = scripted(() => ({ status: "auth_failed", reason: "invalid_credentials" }));
    const report = await runHealthSweep(db(), sweepWith(failing, { reminders: false }));
    expect(report.claimed).toBe(3);
    await db()
      .delete(connectors)
      .where(sql`${connectors.systemId} like 'fake-%'`);

    const api = await makeApiOrg(db());
    const run = (externalId: string) => ({
      externalId,
      serviceId: api.service.id,
      startedAt: "2026-03-01T09:12:00Z",
      status: "ok",
    });
    await ingestSyncRuns(db(), { orgId: api.orgId, body: { runs: [run("a"), run("b")] } });
    const address = "203.0.113.7";
    for (let i = 0; i < 6; i++) await authenticate(db(), { email: "nobody@example.com", password: "wrong", address });

    // The shared state: connectors in two organisations, some due, and outbox rows.
    const other = await createOrganisation(db());
    const groups = await db()
      .insert(companyGroups)
      .values([1, 2, 3].map((i) => ({ orgId: other.orgId, name: `Group ${i}` })))
      .returning({ id: companyGroups.id });
    const used = new Map<string, number>();
    await db()
      .insert(connectors)
      .values(
        SEED.map((s, i) => {
          const key = `${s.system}/${s.env}`;
          const n = used.get(key) ?? 0;
          used.set(key, n + 1);
          return {
            orgId: other.orgId,
            companyGroupId: groups[n].id,
            systemId: s.system,
            authType: "token",
            environment: s.env,
            name: `Seeded ${i}`,
            credentials: "not-read-here",
            credentialsKeyId: "k",
            status: s.status,
          };
        }),
      );
    // makeApiOrg's two sandbox connectors, never checked.
    for (const s of [
      ...SEED,
      { status: "unknown", system: "sandbox", env: "live" },
      { status: "unknown", system: "sandbox", env: "test" },
    ]) {
      const key = `${s.status}/${s.system}/${s.env}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    await db()
      .update(connectors)
      .set({ nextCheckAt: sql`now() + interval '1 hour'` });
    const due = await db()
      .select({ id: connectors.id })
      .from(connectors)
      .where(sql`${connectors.name} in ('Seeded 0', 'Seeded 4', 'Seeded 7')`);
    await db()
      .update(connectors)
      .set({
        nextCheckAt: sql`now() - (case ${connectors.name} when 'Seeded 0' then interval '600 seconds' else interval '30 seconds' end)`,
      })
      .where(
        sql`${connectors.id} in (${sql.join(
          due.map((d) => sql`${d.id}`),
          sql`, `,
        )})`,
      );

    // A delivery that fails for good: an e-mail row naming no organisation (and not a sign-up link).
    await db()
      .insert(outbox)
      .values({ orgId: null, kind: "email", payload: {}, expiresAt: new Date(Date.now() + 86_400_000) });
    const delivery = await deliverOutbox(db(), { mailer: { send: () => Promise.resolve(), close: () => undefined } });
    expect(delivery.failed).toBe(1);
    await db().delete(outbox);
    const row = (kind: "email" | "webhook", state: Partial<Record<"deliveredAt" | "failedAt", Date>> = {}) => ({
      orgId: other.orgId,
      kind,
      payload: {},
      expiresAt: new Date(Date.now() + 86_400_000),
      ...state,
    });
    await db()
      .insert(outbox)
      .values([
        row("email"),
        row("email"),
        row("email"),
        row("webhook"),
        row("webhook"),
        row("email", { deliveredAt: new Date() }),
        row("webhook", { failedAt: new Date() }),
      ]);

    const response = await scrape(TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    samples = parsePrometheusText(await response.text());
  });

  it("is off (404) while METRICS_TOKEN is unset", async () => {
    const response = await handleMetrics(
      new Request("http://localhost/api/metrics"),
      () => Promise.resolve(db()),
      undefined,
    );
    expect(response.status).toBe(404);
    const withToken = new Request("http://localhost/api/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect((await handleMetrics(withToken, () => Promise.resolve(db()), undefined)).status).toBe(404);
  });

  it("answers 401 with WWW-Authenticate: Bearer without the right token, and no figures", async () => {
    for (const response of [
      await scrape(),
      await scrape("wrong-token-of-some-length"),
      await scrape(TOKEN.slice(0, -1)),
      await GET(new Request("http://localhost/api/metrics", { headers: { authorization: `Basic ${TOKEN}` } })),
    ]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
      const body = await response.text();
      expect(body).not.toContain("patchbay_");
      expect(body).not.toContain(TOKEN);
    }
  });

  it("reports connectors by status, system and environment across organisations", () => {
    const reported = samples.filter((s) => s.name === "patchbay_connectors");
    expect(reported).toHaveLength(expected.size);
    for (const [key, count] of expected) {
      const [status, system, environment] = key.split("/");
      expect([key, sampleValue(samples, "patchbay_connectors", { status, system, environment })]).toEqual([key, count]);
    }
  });

  it("reports due connectors and the age of the oldest", () => {
    expect(sampleValue(samples, "patchbay_connectors_due")).toBe(3);
    const lag = sampleValue(samples, "patchbay_sweep_lag_seconds") ?? 0;
    expect(lag).toBeGreaterThanOrEqual(600);
    expect(lag).toBeLessThan(660);
    expect(sampleValue(samples, "patchbay_metrics_database_up")).toBe(1);
  });

  it("reports the outbox backlog by channel (neither delivered nor failed)", () => {
    expect(sampleValue(samples, "patchbay_outbox_pending", { channel: "email" })).toBe(3);
    expect(sampleValue(samples, "patchbay_outbox_pending", { channel: "webhook" })).toBe(2);
  });

  it("counts this process's checks, sweeps, delivery failures, ingested runs and throttled sign-ins", () => {
    expect(
      sampleValue(samples, "patchbay_checks_total", { outcome: "auth_failed", reason: "invalid_credentials" }),
    ).toBe(3);
    expect(sampleValue(samples, "patchbay_check_duration_seconds_count", { system: "fake" })).toBe(3);
    expect(sampleValue(samples, "patchbay_sweep_duration_seconds_count")).toBe(1);
    expect(sampleValue(samples, "patchbay_sweep_claimed_total")).toBe(3);
    expect(sampleValue(samples, "patchbay_sweep_last_claimed")).toBe(3);
    expect(sampleValue(samples, "patchbay_sync_runs_ingested_total", { result: "inserted" })).toBe(2);
    expect(sampleValue(samples, "patchbay_sign_in_throttled_total", { limit: "pair" })).toBe(1);
    expect(sampleValue(samples, "patchbay_outbox_delivery_failures_total", { channel: "email", final: "true" })).toBe(
      1,
    );
    expect(sampleValue(samples, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
  });

  it("still answers the process counters when the database cannot be read", async () => {
    const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const request = new Request("http://localhost/api/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
      const response = await handleMetrics(request, () => Promise.reject(new Error("database away")), TOKEN);
      expect(response.status).toBe(200);
      const away = parsePrometheusText(await response.text());
      expect(sampleValue(away, "patchbay_metrics_database_up")).toBe(0);
      expect(away.some((s) => s.name === "patchbay_connectors")).toBe(false);
      expect(sampleValue(away, "patchbay_sweep_claimed_total")).toBe(3);
    } finally {
      quiet.mockRestore();
    }
  });
});
